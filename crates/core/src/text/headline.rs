//! A post's first line made fit to read as a link: Telegram and Markdown emphasis markers,
//! emoji runs, "❗️⚡️" and «Срочно:» prefixes and link syntax removed; shortened only at a word
//! boundary, ending with "…"; a line that was cut inside a word upstream loses the broken word.
//! Channel boilerplate («Главное к вечеру пятницы», «Спецоперация. Обстановка и главные события
//! на 3 декабря.») is recognised so the caller can show a better line.

use super::lang::is_letter;

/// Words that open a line only to shout: removed from the front ("Срочно: …", "BREAKING: …").
const SHOUTS: &[&str] = &[
    "срочно",
    "молния",
    "важно",
    "эксклюзив",
    "терміново",
    "блискавка",
    "важливо",
    "ексклюзив",
    "breaking",
    "urgent",
    "exclusive",
    "update",
];

/// Openings of round-up and boilerplate lines (lowercase, compared after cleaning).
const BOILERPLATE: &[&str] = &[
    "главное",
    "главные новости",
    "главное к",
    "главное за",
    "спецоперация. обстановка",
    "обстановка и главные события",
    "итоги дня",
    "итоги недели",
    "коротко",
    "головне",
    "головне за",
    "підсумки дня",
    "коротко про",
    "дайджест",
    "news digest",
    "the latest",
    "key updates",
    "morning briefing",
    "evening briefing",
];

/// True for a character drawn as a picture: emoji, pictographs, dingbats, arrows and
/// geometric shapes used as bullets, flags, and the joiners and selectors between them.
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF   // pictographs, emoticons, transport, flags (regional indicators)
        | 0x2600..=0x27BF   // miscellaneous symbols, dingbats (⚡ ❗ ✅ ❌)
        | 0x2B00..=0x2BFF   // arrows and stars (⬆ ⭐)
        | 0x2190..=0x21FF   // arrows
        | 0x2300..=0x23FF   // technical (⌚ ⏩ ⏰)
        | 0x25A0..=0x25FF   // geometric shapes (▪ ▶ ◀ ●)
        | 0x2460..=0x24FF   // enclosed alphanumerics (Ⓜ)
        | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x3030 | 0x303D | 0x3297 | 0x3299
        | 0xFE00..=0xFE0F   // variation selectors
        | 0x200D | 0x20E3   // zero-width joiner, keycap
        | 0xE0020..=0xE007F // tags
    )
}

/// True for a character that marks emphasis in Telegram's or Markdown's syntax.
fn is_marker(c: char) -> bool {
    matches!(c, '*' | '_' | '~' | '|' | '`')
}

/// `[text](url)` → `text`; bare URLs dropped.
fn drop_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let tail = &after[close + 2..];
            tail.find(')').map(|end| (close, close + 2 + end + 1))
        });
        match link {
            Some((close, skip)) if !after[..close].contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[skip..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.split(' ')
        .filter(|w| {
            !(w.starts_with("http://") || w.starts_with("https://") || w.starts_with("t.me/"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Emphasis markers and emoji removed, whitespace folded.
fn strip_decoration(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if is_emoji(c) {
            out.push(' ');
            continue;
        }
        // A marker counts at a word's edge (**bold**, __italic__, ~~struck~~, ||spoiler||);
        // one inside a word (snake_case) is kept. Hashtags keep their «#».
        if is_marker(c) {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let inside =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            if !inside {
                continue;
            }
        }
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for what may open a line only as decoration: bullets, dashes, colons, quote marks of
/// Markdown ("> "), stray punctuation.
fn is_lead(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '•' | '·'
                | '-'
                | '—'
                | '–'
                | ':'
                | '|'
                | '>'
                | '!'
                | '.'
                | ','
                | ';'
                | '+'
                | '='
                | '/'
                | '\\'
                | '#'
                | '*'
                | '_'
                | '~'
        )
}

/// Leading bullets and punctuation and shouted words ("Срочно:", "BREAKING —") removed.
fn strip_front(s: &str) -> &str {
    let mut s = s.trim_start_matches(is_lead);
    loop {
        let word_end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
        let word = s[..word_end].to_lowercase();
        let rest = s[word_end..].trim_start();
        let punctuated = rest.starts_with([':', '!', '—', '-', '|', '.']);
        if word_end > 0 && SHOUTS.contains(&word.as_str()) && punctuated {
            s = rest.trim_start_matches(is_lead);
        } else {
            return s;
        }
    }
}

/// A line that ends inside a word because it was cut upstream ("…от уголовн…") loses that
/// word and ends with "…".
fn drop_broken_tail(s: &str) -> String {
    let Some(body) = s.strip_suffix('…').or_else(|| s.strip_suffix("...")) else {
        return s.to_owned();
    };
    if body.chars().last().is_some_and(is_letter)
        && let Some(space) = body.rfind(' ')
    {
        return format!("{}…", trim_end_punct(&body[..space]));
    }
    s.to_owned()
}

fn trim_end_punct(s: &str) -> &str {
    s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ':' | ';' | '—' | '-' | '–' | '(' | '«' | '"')
    })
}

/// `s` cut to at most `max` characters at a word boundary, ending with "…" when cut. A first
/// word longer than `max` is the one case cut inside (there is no boundary to cut at).
pub fn cut_at_word(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let budget: String = s.chars().take(max.saturating_sub(1)).collect();
    let next = s.chars().nth(budget.chars().count());
    let cut = if next.is_some_and(|c| !c.is_alphanumeric()) {
        budget.as_str()
    } else {
        match budget.rfind(|c: char| c.is_whitespace()) {
            Some(i) if i > 0 => &budget[..i],
            _ => budget.as_str(),
        }
    };
    format!("{}…", trim_end_punct(cut))
}

/// The headline to show for a post's first line: cleaned and at most `max` characters.
/// Empty when nothing readable is left.
pub fn clean(title: &str, max: usize) -> String {
    let line = title
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let text = strip_decoration(&drop_links(line));
    let text = strip_front(&text);
    let text = drop_broken_tail(text.trim());
    cut_at_word(text.trim(), max)
}

/// True when a cleaned headline is a channel's boilerplate or a round-up title, not news: a
/// known opening, or two words or fewer.
pub fn is_boilerplate(headline: &str) -> bool {
    let lower = headline.to_lowercase();
    let words = lower.split_whitespace().count();
    words <= 2 || BOILERPLATE.iter().any(|b| lower.starts_with(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_markers_and_shouts_are_removed() {
        assert_eq!(
            clean("❗️⚡️**Задержаны двое жителей Крыма**", 100),
            "Задержаны двое жителей Крыма"
        );
        assert_eq!(clean("⚡️Срочно: ВСУ отступили", 100), "ВСУ отступили");
        assert_eq!(
            clean("🇺🇦 __Генштаб__: втрати ворога", 100),
            "Генштаб: втрати ворога"
        );
        assert_eq!(
            clean("BREAKING — Russia loses 3 tanks", 100),
            "Russia loses 3 tanks"
        );
        assert_eq!(clean("snake_case stays", 100), "snake_case stays");
        assert_eq!(clean("👍🔥", 100), "");
    }

    #[test]
    fn markdown_links_keep_their_text_and_urls_go() {
        assert_eq!(
            clean(
                "Рост числа смертей: [что известно ](https://www.bbc.com/x)о потерях",
                100
            ),
            "Рост числа смертей: что известно о потерях"
        );
        assert_eq!(clean("Видео https://t.me/x/1 тут", 100), "Видео тут");
    }

    #[test]
    fn never_cut_inside_a_word() {
        let s = "Военные отказались идти в бой и требуют возбуждения уголовного дела";
        let c = clean(s, 30);
        assert!(c.ends_with('…') && c.chars().count() <= 30, "{c}");
        assert_eq!(c, "Военные отказались идти в бой…");
        assert_eq!(
            clean("Дело возбуждено по статье от уголовн…", 100),
            "Дело возбуждено по статье от…"
        );
        assert_eq!(cut_at_word("Short", 10), "Short");
        assert_eq!(cut_at_word("один, два три", 9), "один…");
    }

    #[test]
    fn boilerplate_is_recognised() {
        assert!(is_boilerplate(&clean("❗️Главное к вечеру пятницы", 100)));
        assert!(is_boilerplate(
            "Спецоперация. Обстановка и главные события на 3 декабря."
        ));
        assert!(is_boilerplate("Срочно"));
        assert!(!is_boilerplate(
            "Около 60 псковских десантников отказались от отправки"
        ));
    }
}
