//! CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field quoted
//! when it holds a comma, a double quote, CR or LF, and quotes inside doubled. Fields of outside
//! text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR)
//! are prefixed with `'`.

use std::borrow::Cow;
use std::io::{self, Write};

/// Writes records to `out`.
pub struct CsvWriter<W: Write> {
    out: W,
}

impl<W: Write> CsvWriter<W> {
    /// A writer; with `bom`, the output starts with a UTF-8 byte-order mark.
    pub fn new(mut out: W, bom: bool) -> io::Result<Self> {
        if bom {
            out.write_all("\u{FEFF}".as_bytes())?;
        }
        Ok(CsvWriter { out })
    }

    pub fn record<S: AsRef<str>>(&mut self, fields: &[S]) -> io::Result<()> {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.out.write_all(b",")?;
            }
            self.out.write_all(quote(f.as_ref()).as_bytes())?;
        }
        self.out.write_all(b"\r\n")
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

/// A field as it goes into the file.
pub fn quote(field: &str) -> Cow<'_, str> {
    if field.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(field)
    }
}

/// Outside text a spreadsheet must show as text, never run: a leading `=`, `+`, `-`, `@`,
/// tab or CR gets a `'` in front (OWASP's advice on CSV injection).
pub fn inert(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(fields: &[&str], bom: bool) -> String {
        let mut w = CsvWriter::new(Vec::new(), bom).unwrap();
        w.record(fields).unwrap();
        String::from_utf8(w.into_inner()).unwrap()
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(written(&["a", "b c", ""], false), "a,b c,\r\n");
        assert_eq!(
            written(&["x,y", "say \"hi\"", "two\nlines", "cr\r"], false),
            "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\"\r\n"
        );
        assert_eq!(written(&["Псков"], true), "\u{FEFF}Псков\r\n");
    }

    #[test]
    fn formulas_are_made_inert() {
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("40 servicemen"), "40 servicemen");
    }
}
