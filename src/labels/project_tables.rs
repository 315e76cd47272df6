//! The printed labels of a project sheet's tables, as data: indicator and cost table
//! headings, basis words, the closed list of assessment labels and the direction vocabulary
//! (SPEC.md "Project sheets"). Every word is written in its matching form (white space free,
//! NFKC folded: a test checks it) and compared with [`super::key`] of the printed text.

use super::key_without_parenthesis;

/// A table is an indicator table when its heading or header labels contain one of these.
pub const INDICATOR_TABLE_WORDS: &[&str] = &["指標", "事業実績"];
/// A table is a cost table when its heading or header labels contain one of these.
pub const COST_TABLE_WORDS: &[&str] = &["事業費", "コスト", "経費", "決算額"];
/// Indicator kinds: the label word and the kind it gives.
pub const INDICATOR_KINDS: &[(&str, &str)] = &[
    ("活動指標", "活動"),
    ("成果指標", "成果"),
    ("対象指標", "対象"),
];
/// Basis words of an indicator's actual value.
pub const ACTUAL_BASES: &[&str] = &["実績"];
/// Basis words of an indicator's expected value (target, plan, forecast).
pub const EXPECTED_BASES: &[&str] = &["目標", "計画", "見込", "予定"];
/// Rate columns of an indicator table: not values (they go to `fields`).
pub const RATE_WORDS: &[&str] = &["達成率", "達成度"];
/// Basis words of a cost column.
pub const COST_BASES: &[&str] = &[
    "予算現額",
    "当初予算",
    "補正予算",
    "最終予算",
    "決算",
    "予算",
    "見込",
    "実績",
    "計画",
];
/// A cost row label containing this is a breakdown of the cost above it.
pub const BREAKDOWN_WORD: &str = "内訳";
/// Money units of a table's unit note, longest first.
pub const MONEY_UNITS: &[&str] = &["百万円", "千円", "万円", "円"];
/// The longest basis text after a year (`見込み`, `予算現額`, `(当初予算)`).
pub const MAX_BASIS_CHARS: usize = 8;

/// Assessment labels: a label containing one of these.
pub const ASSESSMENT_WORDS: &[&str] = &[
    "必要性",
    "妥当性",
    "有効性",
    "効率性",
    "公平性",
    "公共性",
    "達成状況",
    "達成度",
    "達成見込",
];
/// Assessment labels: a label ending with one of these (総合評価, 取組への評価).
pub const ASSESSMENT_ENDINGS: &[&str] = &["評価"];
/// Assessment labels only as the whole label.
pub const ASSESSMENT_WHOLE: &[&str] = &["成果"];
/// Labels that end with an assessment ending but are not assessments.
pub const NOT_ASSESSMENTS: &[&str] = &["評価責任者", "評価者"];
/// Labels of a reason serving the assessments before it.
pub const REASON_WORDS: &[&str] = &["理由", "説明"];
/// Labels of the direction.
pub const DIRECTION_LABEL_WORDS: &[&str] = &["方向性", "今後の方針", "見直し"];

/// Open brackets: a name part holding one it does not close goes on in the next row.
pub const OPEN_BRACKETS: &[char] = &['（', '(', '「', '『', '【', '［', '[', '〔', '《', '〈'];
/// Close brackets of [`OPEN_BRACKETS`], in the same order.
pub const CLOSE_BRACKETS: &[char] = &['）', ')', '」', '』', '】', '］', ']', '〕', '》', '〉'];
/// A name part starting with one of these continues the one above it: punctuation, small
/// kana and the prolonged sound mark (which no word starts with) and particles.
pub const CONTINUATION_STARTS: &[char] = &[
    '、', '。', '，', '．', '・', 'ー', 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ',
    'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'の', 'を', 'に', 'は', 'と', 'が',
    'へ', 'や',
];

/// Whether a row's name part `below` continues the name `above` (a name wrapped onto the next
/// row): `above` leaves a bracket open, or `below` starts with a close bracket, punctuation,
/// a small kana or a particle.
pub fn continues_name(above: &str, below: &str) -> bool {
    let below = crate::text::trim(below);
    let Some(first) = below.chars().next() else {
        return false;
    };
    let depth = above.chars().fold(0i32, |depth, c| {
        depth + i32::from(OPEN_BRACKETS.contains(&c)) - i32::from(CLOSE_BRACKETS.contains(&c))
    });
    depth > 0 || CLOSE_BRACKETS.contains(&first) || CONTINUATION_STARTS.contains(&first)
}

fn contains(printed: &str, words: &[&str]) -> bool {
    let key = key_without_parenthesis(printed);
    words.iter().any(|w| key.contains(w))
}

/// Whether a heading or header label names an indicator table.
pub fn names_indicator_table(printed: &str) -> bool {
    contains(printed, INDICATOR_TABLE_WORDS)
}

/// Whether a heading or header label names a cost table.
pub fn names_cost_table(printed: &str) -> bool {
    contains(printed, COST_TABLE_WORDS)
}

/// The indicator kind a label names (活動指標 → 活動), if any.
pub fn indicator_kind(printed: &str) -> Option<&'static str> {
    let key = super::key(printed);
    INDICATOR_KINDS
        .iter()
        .find(|(word, _)| key.contains(word))
        .map(|&(_, kind)| kind)
}

/// Which side of an indicator a basis header fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Expected,
    Actual,
    /// A rate column (達成率): no value.
    Rate,
}

/// The side a basis header names, if it names one.
pub fn indicator_side(printed: &str) -> Option<Side> {
    let key = super::key(printed);
    let has = |words: &[&str]| words.iter().any(|w| key.contains(w));
    if has(RATE_WORDS) {
        Some(Side::Rate)
    } else if has(ACTUAL_BASES) {
        Some(Side::Actual)
    } else if has(EXPECTED_BASES) {
        Some(Side::Expected)
    } else {
        None
    }
}

/// Whether a header names a cost basis (決算, 予算, 見込 …).
pub fn is_cost_basis(printed: &str) -> bool {
    let key = super::key(printed);
    COST_BASES.iter().any(|w| key.contains(w))
}

/// Whether a short text names any basis (of costs or indicators, or a rate).
pub fn is_basis(printed: &str) -> bool {
    let key = super::key(printed);
    key.chars().count() <= MAX_BASIS_CHARS
        && (is_cost_basis(printed) || indicator_side(printed).is_some())
}

/// The money unit a unit note names: `（単位：千円）`, `(千円)`, `千円単位`, else None.
pub fn unit_note(printed: &str) -> Option<&'static str> {
    let key = super::key(printed);
    let after_label = key
        .find("単位:")
        .map(|i| &key[i + "単位:".len()..])
        .or_else(|| key.find("単位").map(|i| &key[i + "単位".len()..]));
    if let Some(rest) = after_label
        && let Some(unit) = MONEY_UNITS.iter().find(|u| rest.starts_with(*u))
    {
        return Some(unit);
    }
    MONEY_UNITS
        .iter()
        .copied()
        .find(|u| key.contains(&format!("{u}単位")) || key.contains(&format!("({u})")))
}

/// Whether a label is of the closed assessment list.
pub fn is_assessment(printed: &str) -> bool {
    is_assessment_key(&key_without_parenthesis(printed))
}

/// [`is_assessment`] of a label's [key without parenthesis](key_without_parenthesis).
pub fn is_assessment_key(key: &str) -> bool {
    !NOT_ASSESSMENTS.iter().any(|w| key.contains(w))
        && !is_reason_key(key)
        && (ASSESSMENT_WORDS.iter().any(|w| key.contains(w))
            || ASSESSMENT_ENDINGS.iter().any(|w| key.ends_with(w))
            || ASSESSMENT_WHOLE.contains(&key))
}

/// Whether a label is a reason (判断理由, 評価理由, 説明).
pub fn is_reason(printed: &str) -> bool {
    is_reason_key(&key_without_parenthesis(printed))
}

/// [`is_reason`] of a label's key without parenthesis.
pub fn is_reason_key(key: &str) -> bool {
    REASON_WORDS.iter().any(|w| key.contains(w))
}

/// Whether a label is a direction label (今後の方向性, 見直し).
pub fn is_direction_label(printed: &str) -> bool {
    is_direction_label_key(&key_without_parenthesis(printed))
}

/// [`is_direction_label`] of a label's key without parenthesis.
pub fn is_direction_label_key(key: &str) -> bool {
    DIRECTION_LABEL_WORDS.iter().any(|w| key.contains(w))
}

/// Whether a value is of the direction vocabulary (possibly numbered: `１　現状維持`).
pub fn is_direction_value(printed: &str) -> bool {
    let key = super::key(printed);
    let unnumbered = key.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    super::DIRECTION_WORDS
        .iter()
        .any(|w| unnumbered == *w || unnumbered.starts_with(&format!("{w}(")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_written_in_their_matching_form() {
        let lists: &[&[&str]] = &[
            INDICATOR_TABLE_WORDS,
            COST_TABLE_WORDS,
            ACTUAL_BASES,
            EXPECTED_BASES,
            RATE_WORDS,
            COST_BASES,
            MONEY_UNITS,
            ASSESSMENT_WORDS,
            ASSESSMENT_ENDINGS,
            ASSESSMENT_WHOLE,
            NOT_ASSESSMENTS,
            REASON_WORDS,
            DIRECTION_LABEL_WORDS,
        ];
        for word in lists.iter().flat_map(|l| l.iter()) {
            assert_eq!(crate::labels::key(word), *word);
        }
    }

    #[test]
    fn sides_by_basis() {
        assert_eq!(indicator_side("R５年度実　績"), Some(Side::Actual));
        assert_eq!(indicator_side("見込み"), Some(Side::Expected));
        assert_eq!(indicator_side("目標値"), Some(Side::Expected));
        assert_eq!(indicator_side("達成率"), Some(Side::Rate));
        assert_eq!(indicator_side("決算"), None);
    }

    #[test]
    fn unit_notes() {
        assert_eq!(unit_note("（単位：千円）"), Some("千円"));
        assert_eq!(
            unit_note("（４）事業費等(千円単位。千円未満は四捨五入)"),
            Some("千円")
        );
        assert_eq!(unit_note("事業費（千円）"), Some("千円"));
        assert_eq!(unit_note("≪事業別コスト等≫"), None);
    }

    #[test]
    fn assessment_labels() {
        assert!(is_assessment("事業の有効性"));
        assert!(is_assessment("成果指標の達成状況"));
        assert!(is_assessment("総合評価"));
        assert!(is_assessment("取組への評価"));
        assert!(!is_assessment("評価責任者"));
        assert!(!is_assessment("評価理由"));
        assert!(!is_assessment("これまでの再構築・民営化等の取組み及び成果"));
        assert!(is_reason("判断理由"));
        assert!(is_direction_label("R７年度以降の事業の方向性"));
        assert!(is_direction_value("現状維持"));
        assert!(is_direction_value("１　現状維持"));
        assert!(is_direction_value("２　改革改善（縮小・統合含む）"));
        assert!(!is_direction_value("官民の役割分担を見極め"));
    }

    #[test]
    fn wrapped_names() {
        assert!(continues_name("見守り協定を結んだ事業者", "の数（累計）"));
        assert!(continues_name("市民の割合（市民", "意識調査）"));
        assert!(!continues_name("割合", "（累計）"));
        assert!(continues_name("利用者数", "）"));
        assert!(!continues_name("相談件数", "参加者数"));
        assert!(!continues_name("相談件数", ""));
    }
}
