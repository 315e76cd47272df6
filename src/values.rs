//! Value rules of SPEC.md: numbers, years and eras, grades, department lists, indicator
//! references and numbered titles. Pure functions on strings.

use serde::Serialize;

use crate::text::{compact, trim};

/// A parsed number: integers stay integers (744), decimals keep their printed form's value
/// and print with a fractional part (16.0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Integer(i64),
    Decimal(f64),
}

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Number::Integer(i) => s.serialize_i64(i),
            Number::Decimal(f) => s.serialize_f64(f),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Number, D::Error> {
        // JSON keeps the printed form: `744` is an integer, `16.0` a decimal.
        match serde_json::Number::deserialize(d)? {
            n if n.is_i64() => Ok(Number::Integer(n.as_i64().unwrap_or_default())),
            n => n
                .as_f64()
                .map(Number::Decimal)
                .ok_or_else(|| serde::de::Error::custom("not a number")),
        }
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Number::Integer(i) => write!(f, "{i}"),
            Number::Decimal(x) => {
                // serde_json's formatting: shortest round-trip, always with a point.
                let s = serde_json::to_string(&x).unwrap_or_else(|_| x.to_string());
                f.write_str(&s)
            }
        }
    }
}

/// What a printed value cell means.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Empty, or printed as "not applicable" (`-`, `－`, `―`, `‐`).
    Null,
    Number(Number),
    /// Text that is not a number: the value is null, the text is kept as remarks.
    Remark(String),
}

/// Map full-width digits and signs to ASCII; other characters unchanged.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '＋' => '+',
            _ => c,
        })
        .collect()
}

/// Parse a value cell (SPEC "Numbers").
pub fn parse_value(raw: &str) -> CellValue {
    let text = compact(raw);
    if text.is_empty() || matches!(text.as_str(), "-" | "－" | "―" | "‐" | "—" | "ー") {
        return CellValue::Null;
    }
    match parse_number(&text) {
        Some(n) => CellValue::Number(n),
        None => CellValue::Remark(trim(raw).to_string()),
    }
}

/// Parse a number: commas, full-width forms, a leading minus, △ or ▲ for negative.
pub fn parse_number(text: &str) -> Option<Number> {
    let s = ascii_digits(&compact(text));
    let (negative, body) = match s.chars().next()? {
        '△' | '▲' => (true, &s[s.chars().next()?.len_utf8()..]),
        '-' => (true, &s[1..]),
        '+' => (false, &s[1..]),
        _ => (false, s.as_str()),
    };
    let body: String = body.chars().filter(|&c| c != ',').collect();
    let valid = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|&c| c == '.').count() <= 1
        && body.chars().next().is_some_and(|c| c.is_ascii_digit())
        && body.chars().last().is_some_and(|c| c.is_ascii_digit());
    if !valid || !grouping_ok(text) {
        return None;
    }
    if body.contains('.') {
        let v: f64 = body.parse().ok()?;
        Some(Number::Decimal(if negative { -v } else { v }))
    } else {
        let v: i64 = body.parse().ok()?;
        Some(Number::Integer(if negative { -v } else { v }))
    }
}

/// Thousands separators, where present, must separate groups of three digits.
fn grouping_ok(text: &str) -> bool {
    let s = ascii_digits(&compact(text));
    if !s.contains(',') {
        return true;
    }
    let int_part = s.split('.').next().unwrap_or("");
    let int_part = int_part.trim_start_matches(['-', '+', '△', '▲']);
    let groups: Vec<&str> = int_part.split(',').collect();
    groups[0].len() <= 3 && !groups[0].is_empty() && groups[1..].iter().all(|g| g.len() == 3)
}

/// A year as printed in a sheet (`R5`, `令和５年度`, `H30`, `令和元年度`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EraYear {
    /// Short form: era letter and year number (`R5`, `H30`).
    pub short: String,
    pub fiscal_year: i32,
}

/// How a year is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearForm {
    /// With an era: `令和５年度`, `R5`, `Ｒ４`, `平成30年度`, `H30`, `S60`, `令和元年度`.
    Era,
    /// A year number and 年度 without an era (`20年度`): its era is the file's.
    Bare,
    /// A western year (`2022年度`, `2022年`).
    Western,
}

/// A year read at the start of a printed text (the one year reader of every stage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadYear {
    /// The printed year without 年度 / 年, inner spaces removed (`R５`, `令和５`, `20`, `2022`).
    pub label: String,
    /// Era letter and year number of an era year (`R5`, `H30`, `S60`).
    pub short: Option<String>,
    /// None for a bare year without a known era.
    pub fiscal_year: Option<i32>,
    /// The 年度 or 年 printed after the year ("" when none).
    pub suffix: &'static str,
    /// What follows the year and its 年度 / 年, spaces removed, as printed (`決算`).
    pub rest: String,
    pub form: YearForm,
}

/// Eras: the printed prefixes (matching form), their letter and the year before the era's
/// first year.
const ERAS: &[(&str, char, i32)] = &[
    ("令和", 'R', 2018),
    ("平成", 'H', 1988),
    ("昭和", 'S', 1925),
    ("R", 'R', 2018),
    ("H", 'H', 1988),
    ("S", 'S', 1925),
];

/// The year before the first year of the era `fiscal_year` falls in (令和 2018, 平成 1988,
/// 昭和 1925).
pub fn era_base(fiscal_year: i32) -> i32 {
    match fiscal_year {
        y if y > 2018 => 2018,
        y if y > 1988 => 1988,
        y if y > 1925 => 1925,
        _ => 1911,
    }
}

/// Read the year at the start of a printed text: an era year (`R５年度`, `平成30年度`, `H30`,
/// `S60`, `令和元年度`, with or without 年度), a bare year followed by 年度 (`20年度`, in the
/// era of `era_year`, the file's year, when known) or a western year followed by 年度 or 年
/// (`2022年度`).
pub fn read_year(printed: &str, era_year: Option<i32>) -> Option<ReadYear> {
    let printed: Vec<char> = compact(printed).chars().collect();
    let folded: Vec<char> = printed.iter().map(|&c| fold_year_char(c)).collect();
    let era = ERAS.iter().find(|(prefix, ..)| starts(&folded, prefix));
    let after_era = era.map_or(0, |(prefix, ..)| prefix.chars().count());
    let digits = folded[after_era..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let gan = digits == 0 && era.is_some() && folded.get(after_era) == Some(&'元');
    let number_end = after_era + if gan { 1 } else { digits };
    let suffix: &'static str = ["年度", "年"]
        .into_iter()
        .find(|s| starts(&folded[number_end..], s))
        .unwrap_or("");
    let form = match (era, digits) {
        (Some(_), 1..=2) => YearForm::Era,
        (Some(_), 0) if gan => YearForm::Era,
        (None, 1..=2) if suffix == "年度" => YearForm::Bare,
        (None, 4) if !suffix.is_empty() => YearForm::Western,
        _ => return None,
    };
    let n: i32 = if gan {
        1
    } else {
        folded[after_era..number_end]
            .iter()
            .collect::<String>()
            .parse()
            .ok()?
    };
    if n == 0 {
        return None;
    }
    let fiscal_year = match (form, era) {
        (YearForm::Western, _) => Some(n),
        (_, Some(&(_, _, base))) => Some(base + n),
        _ => era_year.map(|y| era_base(y) + n),
    };
    Some(ReadYear {
        label: printed[..number_end].iter().collect(),
        short: era.map(|&(_, letter, _)| format!("{letter}{n}")),
        fiscal_year,
        suffix,
        rest: printed[number_end + suffix.chars().count()..]
            .iter()
            .collect(),
        form,
    })
}

/// Full-width digits and era letters (`Ｒ`, `ｒ`, `r`) as ASCII, for matching.
fn fold_year_char(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        'Ｒ' | 'r' | 'ｒ' => 'R',
        'Ｈ' | 'h' | 'ｈ' => 'H',
        'Ｓ' | 's' | 'ｓ' => 'S',
        _ => c,
    }
}

fn starts(chars: &[char], prefix: &str) -> bool {
    let prefix: Vec<char> = prefix.chars().collect();
    chars.len() >= prefix.len() && chars[..prefix.len()] == prefix[..]
}

/// A Japanese era year at the start of `text` (after spaces): `R5`, `令和５年度`, `H30`.
pub fn parse_era_year(text: &str) -> Option<EraYear> {
    let year = read_year(text, None).filter(|y| y.form == YearForm::Era)?;
    Some(EraYear {
        short: year.short?,
        fiscal_year: year.fiscal_year?,
    })
}

/// Find the first `令和N年度` / `平成N年度` label in a text, as printed.
pub fn find_era_label(text: &str) -> Option<(String, EraYear)> {
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len() {
        let rest: String = chars[start..].iter().collect();
        if !(rest.starts_with("令和") || rest.starts_with("平成")) {
            continue;
        }
        let end = rest.find("年度")?;
        let label = &rest[..end + "年度".len()];
        if let Some(year) = parse_era_year(label) {
            return Some((label.to_string(), year));
        }
    }
    None
}

/// A grade letter A–D, printed half- or full-width.
pub fn parse_grade(text: &str) -> Option<char> {
    let s = compact(text);
    let mut chars = s.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    match c {
        'A'..='D' => Some(c),
        'Ａ'..='Ｄ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32),
        _ => None,
    }
}

/// A grade mark in one of the A–D columns: ●, ○, ◎, 〇, ◉, ✓, ✔, ☑.
pub fn is_mark(compact_text: &str) -> bool {
    matches!(
        compact_text,
        "●" | "○" | "◎" | "〇" | "◉" | "✓" | "✔" | "☑" | "レ"
    )
}

/// A previous grade in parentheses: `（B）` → Some(Some('B')); `（－）`, `（-）`, `（ ）` →
/// Some(None); anything else → None (not a previous-grade text).
pub fn parse_previous_grade(text: &str) -> Option<Option<char>> {
    let s = compact(text);
    let inner = s.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    if inner.is_empty() || matches!(inner, "-" | "－" | "―" | "‐" | "ー") {
        return Some(None);
    }
    parse_grade(inner).map(Some)
}

/// A printed page number, white space removed: `-3-`, `－３－`, `3/20`, `３`, `P.3`, `(3)`.
pub fn is_page_number(compact_text: &str) -> bool {
    const DASHES: [char; 7] = ['-', '‐', '－', '―', '—', '–', '−'];
    let s = ascii_digits(compact_text).replace('／', "/");
    let s = match (s.chars().next(), s.chars().last()) {
        (Some(a), Some(b))
            if DASHES.contains(&a) && DASHES.contains(&b) && s.chars().count() > 2 =>
        {
            s.trim_matches(&DASHES[..]).to_string()
        }
        (Some('(' | '（'), Some(')' | '）')) => {
            s.trim_matches(['(', '（', ')', '）']).to_string()
        }
        _ => s,
    };
    let s = s
        .strip_prefix("P.")
        .or_else(|| s.strip_prefix("p."))
        .or_else(|| s.strip_prefix('P'))
        .or_else(|| s.strip_prefix('p'))
        .unwrap_or(&s);
    let digits = |t: &str| !t.is_empty() && t.len() <= 5 && t.bytes().all(|b| b.is_ascii_digit());
    match s.split_once('/') {
        Some((page, total)) => digits(page) && digits(total),
        None => digits(s),
    }
}

/// Split a departments cell on ・ 、 ， , and spaces.
pub fn split_departments(text: &str) -> Vec<String> {
    text.split(['・', '、', '，', ',', ' ', '\u{3000}', '\n'])
        .map(trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A circled number ①…⑳ (or ㉑…㊿) as its value.
pub fn circled_number(c: char) -> Option<u32> {
    match c {
        '①'..='⑳' => Some(c as u32 - '①' as u32 + 1),
        '㉑'..='㉟' => Some(c as u32 - '㉑' as u32 + 21),
        '㊱'..='㊿' => Some(c as u32 - '㊱' as u32 + 36),
        _ => None,
    }
}

/// The indicator numbers a project uses: `①②③④` → [1,2,3,4]; `未設定` → [].
/// Plain digit lists (`1,2`) are accepted too.
pub fn parse_indicator_refs(text: &str) -> Vec<u32> {
    let s = ascii_digits(&compact(text));
    let circled: Vec<u32> = s.chars().filter_map(circled_number).collect();
    if !circled.is_empty() {
        return circled;
    }
    s.split(|c: char| !c.is_ascii_digit())
        .filter_map(|d| d.parse().ok())
        .collect()
}

/// The number of an indicator block: `①` → 1, `12` → 12.
pub fn parse_block_number(text: &str) -> Option<u32> {
    let s = ascii_digits(&compact(text));
    let mut chars = s.chars();
    let first = chars.next()?;
    if let Some(n) = circled_number(first) {
        return Some(n);
    }
    s.parse().ok()
}

/// Split a numbered title: `4-1.産業の連携` → ("4-1", "産業の連携"). The number is returned
/// with ASCII digits and hyphens; the title as printed.
pub fn split_numbered_title(text: &str) -> (Option<String>, String) {
    let text = trim(text);
    let mut number = String::new();
    let mut rest = text;
    for (i, c) in text.char_indices() {
        let ascii = ascii_digits(&c.to_string());
        let ch = ascii.chars().next().unwrap_or(c);
        if ch.is_ascii_digit() || (matches!(ch, '-' | '‐' | '―') && !number.is_empty()) {
            number.push(if ch.is_ascii_digit() { ch } else { '-' });
            rest = &text[i + c.len_utf8()..];
        } else {
            break;
        }
    }
    if number.is_empty() {
        return (None, text.to_string());
    }
    let number = number.trim_end_matches('-').to_string();
    let title = rest.trim_start_matches(['.', '．', '、', ':', '：', ' ', '\u{3000}']);
    (Some(number), trim(title).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_integers_and_decimals() {
        assert_eq!(parse_number("744"), Some(Number::Integer(744)));
        assert_eq!(parse_number("16.0"), Some(Number::Decimal(16.0)));
        assert_eq!(parse_number("1,234"), Some(Number::Integer(1234)));
        assert_eq!(
            parse_number("１，２３４．５"),
            Some(Number::Decimal(1234.5))
        );
        assert_eq!(parse_number("12,34"), None);
    }

    #[test]
    fn negative_numbers() {
        assert_eq!(parse_number("△5"), Some(Number::Integer(-5)));
        assert_eq!(parse_number("▲1.5"), Some(Number::Decimal(-1.5)));
        assert_eq!(parse_number("－３"), Some(Number::Integer(-3)));
        assert_eq!(parse_number("−3"), Some(Number::Integer(-3)));
    }

    #[test]
    fn decimals_print_with_a_point() {
        assert_eq!(Number::Decimal(16.0).to_string(), "16.0");
        assert_eq!(Number::Decimal(13.6).to_string(), "13.6");
        assert_eq!(Number::Integer(800).to_string(), "800");
    }

    #[test]
    fn null_values() {
        for s in ["", " ", "-", "－", "―", "‐", "\u{3000}"] {
            assert_eq!(parse_value(s), CellValue::Null, "{s:?}");
        }
    }

    #[test]
    fn text_values_become_remarks() {
        assert_eq!(parse_value("集計中"), CellValue::Remark("集計中".into()));
        assert_eq!(parse_value(" 12件 "), CellValue::Remark("12件".into()));
    }

    #[test]
    fn era_years() {
        let r5 = parse_era_year("R5").unwrap();
        assert_eq!((r5.short.as_str(), r5.fiscal_year), ("R5", 2023));
        assert_eq!(parse_era_year("令和５年度").unwrap().fiscal_year, 2023);
        assert_eq!(parse_era_year("令和元年度").unwrap().fiscal_year, 2019);
        assert_eq!(parse_era_year("H30").unwrap().fiscal_year, 2018);
        assert_eq!(parse_era_year("平成30年度").unwrap().short, "H30");
        assert_eq!(parse_era_year("R2（現状値）").unwrap().short, "R2");
        assert_eq!(parse_era_year("備考"), None);
    }

    #[test]
    fn one_year_reader_for_eras_bare_and_western_years() {
        let read =
            |t: &str, era| read_year(t, era).map(|y| (y.label, y.fiscal_year, y.rest, y.form));
        let some = |l: &str, fy, r: &str, f| Some((l.to_string(), fy, r.to_string(), f));
        assert_eq!(
            read("Ｒ４年度決算", None),
            some("Ｒ４", Some(2022), "決算", YearForm::Era)
        );
        assert_eq!(
            read("平成30年", None),
            some("平成30", Some(2018), "", YearForm::Era)
        );
        assert_eq!(
            read("S60", None),
            some("S60", Some(1985), "", YearForm::Era)
        );
        assert_eq!(
            read("令和元年度", None),
            some("令和元", Some(2019), "", YearForm::Era)
        );
        assert_eq!(
            read("20年度", Some(2013)),
            some("20", Some(2008), "", YearForm::Bare)
        );
        assert_eq!(read("20年度", None), some("20", None, "", YearForm::Bare));
        assert_eq!(
            read("2022年度", None),
            some("2022", Some(2022), "", YearForm::Western)
        );
        for text in ["20", "2022", "R0", "年度", "R123", "Hello", "SDGs"] {
            assert_eq!(read(text, Some(2024)), None, "{text}");
        }
    }

    #[test]
    fn era_label_found_inside_a_title() {
        let (label, year) =
            find_era_label("北上市総合計画 2021～2030　令和６年度基本施策").unwrap();
        assert_eq!(label, "令和６年度");
        assert_eq!(year.fiscal_year, 2024);
    }

    #[test]
    fn grades() {
        assert_eq!(parse_grade("A"), Some('A'));
        assert_eq!(parse_grade("Ｃ"), Some('C'));
        assert_eq!(parse_grade("E"), None);
        assert_eq!(parse_previous_grade("（B）"), Some(Some('B')));
        assert_eq!(parse_previous_grade("(D)"), Some(Some('D')));
        assert_eq!(parse_previous_grade("（－）"), Some(None));
        assert_eq!(parse_previous_grade("（-）"), Some(None));
        assert_eq!(parse_previous_grade("（ ）"), Some(None));
        assert_eq!(parse_previous_grade("B"), None);
    }

    #[test]
    fn departments_split_on_separators() {
        assert_eq!(
            split_departments("教育部・まちづくり部"),
            ["教育部", "まちづくり部"]
        );
        assert_eq!(
            split_departments("商工部、農林部，建設部 総務部"),
            ["商工部", "農林部", "建設部", "総務部"]
        );
        assert_eq!(split_departments("商工部"), ["商工部"]);
        assert!(split_departments("").is_empty());
    }

    #[test]
    fn indicator_refs() {
        assert_eq!(parse_indicator_refs("①②③④"), [1, 2, 3, 4]);
        assert_eq!(parse_indicator_refs("⑫⑮"), [12, 15]);
        assert!(parse_indicator_refs("未設定").is_empty());
        assert_eq!(parse_block_number("⑬"), Some(13));
    }

    #[test]
    fn numbered_titles() {
        assert_eq!(
            split_numbered_title("4-1.産業の連携による相乗効果の創出"),
            (Some("4-1".into()), "産業の連携による相乗効果の創出".into())
        );
        assert_eq!(
            split_numbered_title("４．力強い地域経済の創出"),
            (Some("4".into()), "力強い地域経済の創出".into())
        );
        assert_eq!(split_numbered_title("無番号"), (None, "無番号".into()));
    }

    #[test]
    fn page_numbers() {
        for text in ["-3-", "－３－", "3/20", "３", "P.3", "p12", "(4)", "—12—"] {
            assert!(is_page_number(text), "{text}");
        }
        for text in ["", "-", "4-1", "R6", "令和６年度", "123456", "3/", "P."] {
            assert!(!is_page_number(text), "{text}");
        }
    }
}
