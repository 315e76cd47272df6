//! The vocabulary of printed labels, as data, and how a printed text is matched against it
//! (SPEC.md "Label matching"). Takes printed texts; gives whether they are, contain or name
//! a known label, and the output form of a label.
//!
//! Matching removes all white space (ASCII and U+3000: 均等割付 labels such as `決　算`) and
//! folds by NFKC for the comparison only (`Ｒ４年度` matches `R4年度`); a trailing
//! parenthesised part may be ignored (`事業名（令和６年度）` is 事業名). Output keeps the printed
//! characters with inner spaces removed ([`output`]).
//!
//! One module for every kind of sheet: the project vocabulary is here; the measure sheet's
//! labels are in [`measure`].

pub mod measure;
pub mod project_tables;

use unicode_normalization::UnicodeNormalization;

use crate::text;

/// Labels naming the project (事務事業名 …) and its number.
pub const NAME_LABELS: &[&str] = &[
    "事務事業名",
    "事業名",
    "整理番号",
    "事業コード",
    "事業番号",
    "評価書番号",
];
/// Labels naming the department.
pub const DEPARTMENT_LABELS: &[&str] = &[
    "担当部署",
    "担当部課",
    "所管課",
    "所属名",
    "担当課",
    "所管局",
    "所管",
    "所属",
    "担当",
    "評価責任者",
];
/// Labels of the project's place in the plan, related plans and laws.
pub const PLAN_POSITION_LABELS: &[&str] = &[
    "総合計画",
    "体系",
    "施策",
    "基本事業",
    "施策の柱",
    "関連計画",
    "根拠法令",
    "例規",
];
/// Words that are labels only as the whole text (as part of a longer text they are common in
/// values: 環境政策課).
pub const WHOLE_LABELS: &[&str] = &["政策", "事業", "名称", "区分", "年度", "期間"];
/// Labels of the outline: purpose, target, intent, means, content, period, method.
pub const OUTLINE_LABELS: &[&str] = &[
    "目的",
    "対象",
    "意図",
    "手段",
    "方法",
    "事業内容",
    "事業概要",
    "実施期間",
    "事業期間",
    "開始年度",
    "実施形態",
    "実施方法",
];
/// Labels of indicator tables.
pub const INDICATOR_LABELS: &[&str] = &[
    "指標",
    "事業実績",
    "項目",
    "単位",
    "達成率",
    "達成度",
    "数値目標",
];
/// Labels of cost tables (rows and groups).
pub const COST_LABELS: &[&str] = &[
    "事業費",
    "コスト",
    "経費",
    "決算額",
    "内訳",
    "財源",
    "支出金",
    "地方債",
    "市債",
    "起債",
    "その他",
    "一般財源",
    "人件費",
    "物件費",
    "従事",
    "人員",
    "人工",
    "業務時間",
    "受益者負担",
    "合計",
    "収入",
    "区分",
];
/// Words that name a column's basis: settled, budgeted, forecast, actual, target.
pub const BASIS_WORDS: &[&str] = &[
    "決算", "予算", "見込", "実績", "目標", "計画", "予定", "期待", "当初", "補正",
];
/// Assessment labels (closed list).
pub const ASSESSMENT_LABELS: &[&str] = &[
    "必要性",
    "妥当性",
    "有効性",
    "効率性",
    "公平性",
    "公共性",
    "達成状況",
    "達成度",
    "成果",
    "判断理由",
    "理由",
    "説明",
    "評価",
];
/// Labels of the direction (今後の方向性 …).
pub const DIRECTION_LABELS: &[&str] = &["方向性", "今後の方針", "見直し"];
/// Direction vocabulary: these are values (a chosen direction), never labels.
pub const DIRECTION_WORDS: &[&str] = &[
    "拡充",
    "拡大",
    "現状維持",
    "継続",
    "改善",
    "改革改善",
    "縮小",
    "統合",
    "休止",
    "廃止",
    "完了",
    "終了",
    "再構築",
];
/// Other words that make a short text a label (remarks, notes, headings).
pub const GENERIC_LABELS: &[&str] = &["備考", "要素", "視点", "分野", "名称", "内容", "ゴール"];

/// Marks that choose an option or a grade.
pub const MARKS: &[char] = &['○', '●', '◎', '〇', '◉', '✓', '✔', '☑', '■', '□', '☐', '◯'];

/// Longest text (characters of its matching key, trailing parentheses removed) that can be
/// a label: longer texts are values even when they contain a label word.
pub const MAX_LABEL_CHARS: usize = 24;

/// The matching key of a printed text: white space removed, NFKC folded.
pub fn key(printed: &str) -> String {
    text::compact(printed).nfkc().collect()
}

/// The output form of a printed label: inner spaces removed, characters as printed.
pub fn output(printed: &str) -> String {
    text::compact(printed)
}

/// The key without a trailing parenthesised part (`事業名(令和6年度)` → `事業名`) and
/// without a trailing note (`…要素※１つ以上に○` → `…要素`).
pub fn key_without_parenthesis(printed: &str) -> String {
    let mut key = key(printed);
    if let Some(note) = key.find('※')
        && note > 0
    {
        key.truncate(note);
    }
    if let Some(body) = key.strip_suffix(')')
        && let Some(open) = body.rfind('(')
        && open > 0
    {
        return key[..open].to_string();
    }
    key
}

/// Whether the printed text is the label `label` (whole, or with a trailing parenthesis).
pub fn is(printed: &str, label: &str) -> bool {
    let wanted = key(label);
    key(printed) == wanted || key_without_parenthesis(printed) == wanted
}

/// Whether the printed text (a short one) contains one of `words`.
pub fn contains_any(printed: &str, words: &[&str]) -> bool {
    key_contains_any(&key_without_parenthesis(printed), words)
}

/// Whether a matching key contains one of `words` (the lists are written in their folded
/// form, white space free: a test checks it).
fn key_contains_any(key: &str, words: &[&str]) -> bool {
    words.iter().any(|w| key.contains(w))
}

/// Every list whose words make a short text a known label.
const LABEL_LISTS: &[&[&str]] = &[
    NAME_LABELS,
    DEPARTMENT_LABELS,
    PLAN_POSITION_LABELS,
    OUTLINE_LABELS,
    INDICATOR_LABELS,
    COST_LABELS,
    BASIS_WORDS,
    ASSESSMENT_LABELS,
    DIRECTION_LABELS,
    GENERIC_LABELS,
];

/// A known label: a short text containing a word of the vocabulary, that is not a value
/// word ([`is_value_word`]).
pub fn is_known_label(printed: &str) -> bool {
    let key = key_without_parenthesis(printed);
    let chars = key.chars().count();
    chars > 0
        && chars <= MAX_LABEL_CHARS
        && !is_value_word(printed)
        && (LABEL_LISTS.iter().any(|list| key_contains_any(&key, list))
            || WHOLE_LABELS.contains(&key.as_str()))
}

/// Characters that print "nothing here" in a value cell (`－`, `―`, `ー`): a cell holding
/// only these is an empty value, never a label.
pub const PLACEHOLDER_CHARS: &[char] = &[
    '-', '－', '―', '—', '‐', '─', '━', 'ー', 'ｰ', '−', '…', '・', '＊', '*', '／', '/',
];

/// Whether the printed text is a placeholder for an empty value ([`PLACEHOLDER_CHARS`] only).
pub fn is_placeholder(printed: &str) -> bool {
    let key = key(printed);
    !key.is_empty() && key.chars().all(|c| PLACEHOLDER_CHARS.contains(&c))
}

/// A chosen value from a closed list: a direction word (possibly numbered, `１　現状維持`)
/// or a graded phrase (`A.順調に推移している`).
pub fn is_value_word(printed: &str) -> bool {
    let key = key(printed);
    let unnumbered = key.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let direction = DIRECTION_WORDS.contains(&unnumbered);
    let mut chars = key.chars();
    let graded = matches!(chars.next(), Some('A'..='E')) && chars.next() == Some('.');
    direction || graded
}

/// Whether the printed text names a unit column (単位).
pub fn is_unit_label(printed: &str) -> bool {
    key_without_parenthesis(printed) == "単位"
}

/// Whether a free line is a unit note (`（単位：千円）`), not a heading.
pub fn is_unit_note(printed: &str) -> bool {
    let key = key(printed);
    key.starts_with('(') && key.find(')') == Some(key.len() - 1) && key.contains("単位")
}

/// Whether a word names a basis (決算, 予算, 見込, 実績, 目標 …).
pub fn contains_basis_word(printed: &str) -> bool {
    contains_any(printed, BASIS_WORDS)
}

/// Whether the character is a mark.
pub fn is_mark_char(c: char) -> bool {
    MARKS.contains(&c)
}

/// Whether the printed text is one mark alone.
pub fn is_mark(printed: &str) -> bool {
    let compact = text::compact(printed);
    let mut chars = compact.chars();
    chars.next().is_some_and(is_mark_char) && chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_is_written_in_its_folded_form() {
        for list in LABEL_LISTS.iter().chain([&WHOLE_LABELS, &DIRECTION_WORDS]) {
            for word in *list {
                assert_eq!(key(word), *word);
            }
        }
    }

    #[test]
    fn spaces_and_width_do_not_matter_for_matching() {
        assert!(is("決　算", "決算"));
        assert!(is("Ｒ４年度", "R4年度"));
        assert!(is("SDGｓ", "SDGs"));
        assert!(is("事業名（令和６年度）", "事業名"));
        assert!(!is("細事業名称", "事業名"));
    }

    #[test]
    fn output_keeps_characters_and_drops_inner_spaces() {
        assert_eq!(output(" 決　算 "), "決算");
        assert_eq!(output("Ｒ４年度"), "Ｒ４年度");
    }

    #[test]
    fn known_labels_are_short_texts_with_a_vocabulary_word() {
        assert!(is_known_label("担当部署名"));
        assert!(is_known_label("財 源"));
        assert!(is_known_label(
            "実施期間（第７次総合計画　前期基本計画期間である令和5～9年度の間で設定）"
        ));
        assert!(is_known_label("事業の有効性"));
        assert!(!is_known_label("環境政策課"));
        assert!(is_known_label("政　策"));
        assert!(is_known_label(
            "行財政改革などに向けて特に意識すべき要素※ １つ以上に○"
        ));
        assert!(!is_known_label(
            "環境学習基本方針に基づき、行政・事業者・地域団体・市民とのネットワークで支援する。"
        ));
    }

    #[test]
    fn chosen_values_are_not_labels() {
        assert!(is_value_word("現状維持"));
        assert!(is_value_word("１　現状維持"));
        assert!(is_value_word("A.順調に推移している"));
        assert!(!is_known_label("A.有効的である（改善の余地がない）"));
        assert!(!is_value_word("今後の方向性"));
    }

    #[test]
    fn marks_alone() {
        assert!(is_mark("○"));
        assert!(is_mark(" ■ "));
        assert!(!is_mark("○達成"));
        assert!(!is_mark(""));
    }

    #[test]
    fn units_and_bases() {
        assert!(is_unit_label("単　位"));
        assert!(is_unit_note("（単位：千円）"));
        assert!(!is_unit_note("≪事業別コスト等≫"));
        assert!(!is_unit_note(
            "（４）事業費等(千円単位。千円未満は四捨五入)"
        ));
        assert!(contains_basis_word("R５年度実　績"));
        assert!(!contains_basis_word("R５年度"));
    }
}
