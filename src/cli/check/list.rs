//! The checklist `claimwatch check` prints: one line per check, ✓ passed, ✗ failed (with the
//! fix on the next line), – skipped.

use std::fmt;

/// How a check ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Pass,
    Fail { fix: String },
    Skip,
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub what: String,
    pub mark: Mark,
    pub detail: String,
}

/// Every check, in the order they ran.
#[derive(Debug, Default)]
pub struct Checklist {
    pub lines: Vec<Line>,
}

impl Checklist {
    pub fn pass(&mut self, what: impl Into<String>, detail: impl Into<String>) {
        self.push(what, Mark::Pass, detail);
    }

    pub fn fail(
        &mut self,
        what: impl Into<String>,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.push(what, Mark::Fail { fix: fix.into() }, detail);
    }

    pub fn skip(&mut self, what: impl Into<String>, detail: impl Into<String>) {
        self.push(what, Mark::Skip, detail);
    }

    fn push(&mut self, what: impl Into<String>, mark: Mark, detail: impl Into<String>) {
        self.lines.push(Line {
            what: what.into(),
            mark,
            detail: detail.into(),
        });
    }

    pub fn failures(&self) -> usize {
        self.lines
            .iter()
            .filter(|l| matches!(l.mark, Mark::Fail { .. }))
            .count()
    }
}

impl fmt::Display for Checklist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for l in &self.lines {
            let mark = match l.mark {
                Mark::Pass => "✓",
                Mark::Fail { .. } => "✗",
                Mark::Skip => "–",
            };
            writeln!(f, "{mark} {}: {}", l.what, l.detail)?;
            if let Mark::Fail { fix } = &l.mark {
                writeln!(f, "    fix: {fix}")?;
            }
        }
        let failed = self.failures();
        if failed == 0 {
            writeln!(f, "all {} checks passed", self.lines.len())
        } else {
            writeln!(f, "{failed} of {} checks failed", self.lines.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_carry_their_fix() {
        let mut c = Checklist::default();
        c.pass("database", "sqlite, 11 migrations");
        c.fail(
            "telegram",
            "the Bot API refused the token",
            "check TELOXIDE_TOKEN",
        );
        c.skip("sources", "none configured");
        let text = c.to_string();
        assert_eq!(
            text,
            "✓ database: sqlite, 11 migrations\n✗ telegram: the Bot API refused the token\n    fix: check TELOXIDE_TOKEN\n– sources: none configured\n1 of 3 checks failed\n"
        );
        assert_eq!(c.failures(), 1);
    }
}
