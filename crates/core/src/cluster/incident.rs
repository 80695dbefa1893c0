//! Language-blind keys for where a refusal happened and who refused, so one incident told in
//! English, Ukrainian and Russian meets: "72nd Mechanized Brigade" / "72-га окрема механізована
//! бригада" / "72-й бригады" → `72 brigade`; "Kharkiv" / "Харків" / "Харьковской области" →
//! `khar` (Cyrillic transliterated, the first four letters of the first word kept).

/// Unit kinds by stem, in the three languages.
const UNIT_KINDS: &[(&str, &[&str])] = &[
    ("brigade", &["brigad", "бригад"]),
    ("regiment", &["regiment", "полк"]),
    ("battalion", &["battalion", "батальон", "батальйон"]),
    ("division", &["division", "дивизи", "дивізі"]),
    ("corps", &["corps", "корпус"]),
    ("army", &["army", "армия", "армии", "армі"]),
    ("company", &["company", "рота", "роты", "роти"]),
    ("district", &["district", "округ"]),
    ("fleet", &["fleet", "флот"]),
];

fn translit(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' | 'є' | 'э' | 'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' | 'ы' | 'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "iu",
        'я' => "ia",
        _ => "",
    }
}

/// Latin letters of a word: Cyrillic transliterated (г and h, и/і/ы/й and i, y and i meet),
/// everything else dropped.
pub fn latin(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' => out.push(if c == 'y' {
                'i'
            } else if c == 'g' {
                'h'
            } else {
                c
            }),
            _ => out.push_str(translit(c)),
        }
    }
    out
}

/// The normalised unit: its number and kind ("72 brigade"), or its first two words'
/// transliterated stems when it has no number. `None` for an empty unit.
pub fn unit_key(unit: &str) -> Option<String> {
    let lower = unit.to_lowercase();
    let number: String = lower
        .split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .map(str::to_owned)
        .unwrap_or_default();
    let kind = UNIT_KINDS
        .iter()
        .find(|(_, stems)| {
            lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| stems.iter().any(|s| w.starts_with(s)))
        })
        .map(|(k, _)| *k);
    match (number.is_empty(), kind) {
        (false, Some(k)) => Some(format!("{number} {k}")),
        (false, None) => Some(number),
        (true, _) => {
            let words: Vec<String> = lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() > 2)
                .take(2)
                .map(|w| latin(w).chars().take(5).collect())
                .collect();
            (!words.is_empty()).then(|| words.join(" "))
        }
    }
}

/// The normalised place: the first four Latin letters of its first word of three or more
/// letters ("Kharkiv", "Харків", "Харьковская область" → "khar").
pub fn place_key(place: &str) -> Option<String> {
    place
        .split(|c: char| !c.is_alphanumeric())
        .map(latin)
        .find(|w| w.len() >= 3)
        .map(|w| w.chars().take(4).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unit_in_three_languages() {
        let k = unit_key("72nd Mechanized Brigade");
        assert_eq!(k.as_deref(), Some("72 brigade"));
        assert_eq!(unit_key("72-га окрема механізована бригада"), k);
        assert_eq!(unit_key("72-й бригады ВСУ"), k);
        assert_ne!(unit_key("72nd regiment"), k);
        assert_ne!(unit_key("73-я бригада"), k);
        assert_eq!(unit_key("   "), None);
        assert_eq!(
            unit_key("Пскова десантники").as_deref(),
            Some("pskov desan")
        );
    }

    #[test]
    fn one_place_in_three_languages() {
        let k = place_key("Kharkiv");
        assert_eq!(k.as_deref(), Some("khar"));
        assert_eq!(place_key("Харків"), k);
        assert_eq!(place_key("Харьковская область"), k);
        assert_eq!(place_key("Pskov"), place_key("Псков"));
        assert_ne!(place_key("Kherson"), k);
        assert_eq!(place_key("—"), None);
    }
}
