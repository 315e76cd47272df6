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

/// What a project-name label is (SPEC "Recognition"): the whole key, or its end.
pub const PROJECT_NAME_LABELS: &[&str] = &["事務事業名", "事業名"];
/// Labels of the sheet's own number (folded keys; compared case-blind).
pub const NUMBER_LABELS: &[&str] = &[
    "no.",
    "no",
    "評価書番号",
    "整理番号",
    "事業番号",
    "事業コード",
    "シート番号",
];
/// Words of the project vocabulary: a page starts a project sheet when, beside its
/// project-name label, it holds two more labels containing one of them.
pub const PROJECT_VOCABULARY: &[&str] = &[
    "目的",
    "対象",
    "意図",
    "手段",
    "事業内容",
    "事業概要",
    "事業の概要",
    "事業費",
    "決算",
    "予算",
    "成果指標",
    "活動指標",
    "対象指標",
    "事業実績",
    "有効性",
    "効率性",
    "必要性",
    "妥当性",
    "方向性",
    "所管",
    "所属",
    "担当",
    "総合計画",
    "施策",
    "根拠法令",
    "実施期間",
    "事業期間",
    "人件費",
    "財源",
];
/// Words of a project sheet's title line (事務事業評価シート, 事業評価書, 行政評価調書,
/// 目標設定シート): a later page printing such a title above its tables repeats it.
pub const SHEET_TITLE_WORDS: &[&str] =
    &["評価シート", "評価表", "評価書", "評価調書", "設定シート"];
/// The labels that together start a measure sheet (基本施策事後評価シート): a page holding
/// all of them ends an open project sheet.
pub const MEASURE_HEADER_LABELS: &[&str] = &["基本方針", "基本施策"];
/// Endings of a department label (a trailing 名 aside: 担当部署名, 所属名).
pub const DEPARTMENT_ENDINGS: &[&str] = &[
    "担当部署",
    "担当部課",
    "担当部局",
    "所管課",
    "所管局",
    "所管部",
    "担当課",
    "担当局",
    "所属",
    "所管",
    "担当",
    "部署",
    "課名",
    "部局",
];
/// Group labels under which every labelled value is a plan position.
pub const PLAN_GROUP_LABELS: &[&str] = &["総合計画", "施策体系", "政策体系", "政策・施策"];
/// Words of an outline label, per member of `outline` (first match wins, in this order).
pub const OUTLINE_MEMBERS: &[(&str, &[&str])] = &[
    ("purpose", &["目的"]),
    ("intent", &["意図"]),
    ("means", &["手段"]),
    ("method", &["実施形態", "実施方法", "実施手法", "執行方法"]),
    (
        "period",
        &["実施期間", "事業期間", "開始年度", "実施年度", "期間"],
    ),
    (
        "content",
        &["事業内容", "事業概要", "事業の内容", "事業の概要", "概要"],
    ),
    ("target", &["対象"]),
];
/// Words that keep a label out of the outline (an indicator's or a table's label).
pub const NOT_OUTLINE_WORDS: &[&str] = &["指標", "評価", "方向性", "実績"];
/// Endings of labels that name a person (評価責任者, 担当者, 記入者氏名): not departments.
pub const PERSON_ENDINGS: &[&str] = &["者", "者名", "氏名"];

/// Marks that choose an option or a grade.
pub const MARKS: &[char] = &['○', '●', '◎', '〇', '◉', '✓', '✔', '☑', '■', '□', '☐', '◯'];

/// Longest text (characters of its matching key, trailing parentheses removed) that can be
/// a label: longer texts are values even when they contain a label word.
pub const MAX_LABEL_CHARS: usize = 24;

/// The matching key of a printed text: white space removed, NFKC folded. Text already in
/// NFKC (all ASCII text, most Japanese text) is not folded again: keys are made for every
/// cell and line of a page, so text of the characters NFKC always keeps (ASCII, kana, CJK
/// ideographs, Japanese punctuation, geometric marks) is not even looked up.
pub fn key(printed: &str) -> String {
    let mut key = String::with_capacity(printed.len());
    for c in printed.chars() {
        if text::is_space(c) {
            continue;
        }
        if keeps_under_nfkc(c) {
            key.push(c);
        } else if let Some(ascii) = fullwidth_ascii(c) {
            // What NFKC makes of it: nothing in such a text composes (no combining marks).
            key.push(ascii);
        } else {
            return folded(printed);
        }
    }
    key
}

/// The key of any text: white space removed, then NFKC unless the quick check says the
/// text is normal already.
fn folded(printed: &str) -> String {
    let compact = text::compact(printed);
    if unicode_normalization::is_nfkc_quick(compact.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        return compact;
    }
    compact.nfkc().collect()
}

/// The ASCII character a fullwidth form (`（`, `１`, `Ｒ`, `：` …, U+FF01–U+FF5E) stands for.
fn fullwidth_ascii(c: char) -> Option<char> {
    ('\u{ff01}'..='\u{ff5e}')
        .contains(&c)
        .then(|| char::from_u32(c as u32 - 0xfee0))
        .flatten()
}

/// Characters that NFKC leaves as they are whatever surrounds them (no decomposition,
/// combining class 0, never composed with a neighbour): ASCII, CJK punctuation up to 〩,
/// hiragana, katakana (the combining sound marks U+3099/U+309A and ヿ aside), the CJK
/// unified ideographs and the geometric shapes (○ ● ■ □ ◎ …).
fn keeps_under_nfkc(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{7f}'
            | '\u{3001}'..='\u{3029}'
            | '\u{3041}'..='\u{3096}'
            | '\u{30a1}'..='\u{30fe}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{25a0}'..='\u{25ff}'
    )
}

/// The output form of a printed label: inner spaces removed, characters as printed.
pub fn output(printed: &str) -> String {
    text::compact(printed)
}

/// The key without a trailing parenthesised part (`事業名(令和6年度)` → `事業名`) and
/// without a trailing note (`…要素※１つ以上に○` → `…要素`).
pub fn key_without_parenthesis(printed: &str) -> String {
    let mut key = key(printed);
    key.truncate(without_parenthesis(&key).len());
    key
}

/// A matching key without its trailing parenthesised part or note (see
/// [`key_without_parenthesis`]): a beginning of the key.
pub fn without_parenthesis(key: &str) -> &str {
    let key = match key.find('※') {
        Some(note) if note > 0 => &key[..note],
        _ => key,
    };
    if let Some(body) = key.strip_suffix(')')
        && let Some(open) = body.rfind('(')
        && open > 0
    {
        return &key[..open];
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
    is_known_label_key(&key(printed))
}

/// [`is_known_label`] of a printed text's matching key.
pub fn is_known_label_key(full_key: &str) -> bool {
    let key = without_parenthesis(full_key);
    let chars = key.chars().count();
    chars > 0
        && chars <= MAX_LABEL_CHARS
        && !is_value_word_key(full_key)
        && (LABEL_LISTS.iter().any(|list| key_contains_any(key, list))
            || WHOLE_LABELS.contains(&key))
}

/// Characters that print "nothing here" in a value cell (`－`, `―`, `ー`): a cell holding
/// only these is an empty value, never a label.
pub const PLACEHOLDER_CHARS: &[char] = &[
    '-', '－', '―', '—', '‐', '─', '━', 'ー', 'ｰ', '−', '…', '・', '＊', '*', '／', '/',
];

/// Whether the printed text is a placeholder for an empty value ([`PLACEHOLDER_CHARS`] only).
pub fn is_placeholder(printed: &str) -> bool {
    is_placeholder_key(&key(printed))
}

/// [`is_placeholder`] of a printed text's matching key.
pub fn is_placeholder_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| PLACEHOLDER_CHARS.contains(&c))
}

/// A chosen value from a closed list: a direction word (possibly numbered, `１　現状維持`)
/// or a graded phrase (`A.順調に推移している`).
pub fn is_value_word(printed: &str) -> bool {
    is_value_word_key(&key(printed))
}

/// [`is_value_word`] of a printed text's matching key.
pub fn is_value_word_key(key: &str) -> bool {
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

/// Brackets that set a heading at the start of a cell, open and close: `【事業実施期間】`.
pub const HEADING_BRACKETS: &[(char, char)] = &[
    ('【', '】'),
    ('［', '］'),
    ('[', ']'),
    ('〔', '〕'),
    ('《', '》'),
    ('≪', '≫'),
];

/// A cell that prints its own label before its value, `【事業実施期間】令和5年度～9年度`: the
/// bracketed heading (at least two characters, no longer than a label) and what follows it,
/// trimmed. None when nothing but a parenthesised note follows (`【事業費】（千円）` is a label).
pub fn headed_value(printed: &str) -> Option<(&str, &str)> {
    let printed = text::trim(printed);
    let open = printed.chars().next()?;
    let &(_, close) = HEADING_BRACKETS.iter().find(|(o, _)| *o == open)?;
    let (heading, rest) = printed[open.len_utf8()..].split_once(close)?;
    let heading_chars = key(heading).chars().count();
    let rest = text::trim(rest);
    let rest_key = key(rest);
    let note_only = rest_key.is_empty() || (rest_key.starts_with('(') && rest_key.ends_with(')'));
    let fits = (2..=MAX_LABEL_CHARS).contains(&heading_chars);
    (fits && !note_only).then_some((heading, rest))
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

/// Whether the printed text is a project-name label: 事務事業名 or 事業名, or ending with
/// 事業名 (`令和６年度事業名`), a trailing parenthesis aside; never 細事業名称.
pub fn is_project_name_label(printed: &str) -> bool {
    let key = key_without_parenthesis(printed);
    key.chars().count() <= MAX_LABEL_CHARS && PROJECT_NAME_LABELS.iter().any(|l| key.ends_with(l))
}

/// Whether the printed text is the label of the sheet's number (NO., No., Ｎｏ．, 整理番号 …).
pub fn is_number_label(printed: &str) -> bool {
    // The labels are ASCII letters or kana and kanji (which have no case): ASCII case
    // folding is all the case folding they need.
    let key = key_without_parenthesis(printed);
    NUMBER_LABELS.iter().any(|l| key.eq_ignore_ascii_case(l))
}

/// Whether a short printed text contains a word of the project vocabulary.
pub fn has_project_word(printed: &str) -> bool {
    let key = key_without_parenthesis(printed);
    key.chars().count() <= MAX_LABEL_CHARS && key_contains_any(&key, PROJECT_VOCABULARY)
}

/// Whether the printed text labels a department (担当部署名, 所属名, 所管課 …); a label
/// naming a person (評価責任者, 担当者) does not.
pub fn is_department_label(printed: &str) -> bool {
    let key = key_without_parenthesis(printed);
    let stem = key.strip_suffix('名').unwrap_or(&key);
    !is_person_label(printed) && DEPARTMENT_ENDINGS.iter().any(|e| stem.ends_with(e))
}

/// Whether the printed text labels a person (評価責任者, 担当者, 記入者氏名).
pub fn is_person_label(printed: &str) -> bool {
    let key = key_without_parenthesis(printed);
    PERSON_ENDINGS.iter().any(|e| key.ends_with(e))
}

/// The `outline` member a label names (`"purpose"` …), if any.
pub fn outline_member(printed: &str) -> Option<&'static str> {
    let key = key_without_parenthesis(printed);
    if key.chars().count() > MAX_LABEL_CHARS || key_contains_any(&key, NOT_OUTLINE_WORDS) {
        return None;
    }
    OUTLINE_MEMBERS
        .iter()
        .find(|(_, words)| key_contains_any(&key, words))
        .map(|(member, _)| *member)
}

/// Whether the printed text labels a place in the plan (施策の柱, 関連計画・例規, 根拠法令等 …).
pub fn is_plan_label(printed: &str) -> bool {
    let key = key_without_parenthesis(printed);
    key.chars().count() <= MAX_LABEL_CHARS && key_contains_any(&key, PLAN_POSITION_LABELS)
}

/// Whether the printed text is a group label whose values are all plan positions
/// (総合計画の体系, 施策体系 …).
pub fn is_plan_group_label(printed: &str) -> bool {
    let key = key_without_parenthesis(printed);
    key.chars().count() <= MAX_LABEL_CHARS && key_contains_any(&key, PLAN_GROUP_LABELS)
}

/// Whether a heading line titles an evaluation sheet (事務事業評価シート …).
pub fn is_sheet_title(printed: &str) -> bool {
    key_contains_any(&key(printed), SHEET_TITLE_WORDS)
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
    fn keys_of_normal_and_folded_text() {
        assert_eq!(key("事業 名"), "事業名");
        assert_eq!(key("Ｒ６年度　決算"), "R6年度決算");
        assert_eq!(key("(千円)"), "(千円)");
        assert_eq!(key("（千円）"), "(千円)");
        assert_eq!(key("ｶﾞ"), "ガ");
    }

    #[test]
    fn characters_kept_under_nfkc_are_kept() {
        // What the quick check asks of every character of a text it calls normal: any text
        // of these characters is NFKC, as `key` assumes.
        use unicode_normalization::{IsNormalized, char::canonical_combining_class};
        let kept: Vec<char> = ('\0'..='\u{ffff}')
            .filter(|&c| keeps_under_nfkc(c))
            .collect();
        assert_eq!(kept.len(), 128 + 41 + 86 + 94 + 20992 + 96);
        for c in kept {
            let quick = unicode_normalization::is_nfkc_quick(std::iter::once(c));
            assert_eq!(quick, IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        assert!(!keeps_under_nfkc('\u{3099}') && !keeps_under_nfkc('\u{3000}'));
    }

    #[test]
    fn fullwidth_forms_fold_to_ascii_as_nfkc_does() {
        for c in '\u{ff01}'..='\u{ff5e}' {
            let nfkc: String = c.to_string().nfkc().collect();
            assert_eq!(fullwidth_ascii(c).map(String::from), Some(nfkc), "{c:?}");
        }
        assert_eq!(fullwidth_ascii('ｶ'), None);
        assert_eq!(fullwidth_ascii('\u{3000}'), None);
    }

    /// The key's fast paths give what folding the whole text gives.
    #[test]
    fn keys_are_the_folded_text() {
        for printed in [
            "事業 名",
            "Ｒ６年度　決算",
            "（千円）",
            "ｶﾞ",
            "ｶﾞ（１）",
            "A\u{301}",
            "（Ａ\u{301}）",
            "ｶ\u{3099}",
            "か\u{3099}",
            "\u{2460}事業",
            "No．１２",
            "令和５年度\t実績",
            "\u{ff5e}\u{ff01}",
            "",
            "　",
        ] {
            assert_eq!(key(printed), folded(printed), "{printed:?}");
            let slow: String = text::compact(printed).nfkc().collect();
            assert_eq!(key(printed), slow, "{printed:?}");
        }
    }

    #[test]
    fn vocabulary_is_written_in_its_folded_form() {
        let more: [&[&str]; 8] = [
            SHEET_TITLE_WORDS,
            MEASURE_HEADER_LABELS,
            WHOLE_LABELS,
            DIRECTION_WORDS,
            PROJECT_NAME_LABELS,
            PROJECT_VOCABULARY,
            DEPARTMENT_ENDINGS,
            PLAN_GROUP_LABELS,
        ];
        for list in LABEL_LISTS.iter().chain(more.iter()) {
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

    #[test]
    fn project_name_labels() {
        assert!(is_project_name_label("事務事業名"));
        assert!(is_project_name_label("事業名（令和６年度）"));
        assert!(is_project_name_label("令和６年度事業名"));
        assert!(!is_project_name_label("細事業名称"));
        assert!(!is_project_name_label("事業名称"));
        assert!(!is_project_name_label("事業内容"));
    }

    #[test]
    fn number_labels() {
        for label in [
            "NO.",
            "No.",
            "Ｎｏ．",
            "ＮＯ",
            "評価書番号",
            "整理番号",
            "事業番号",
        ] {
            assert!(is_number_label(label), "{label}");
        }
        assert!(!is_number_label("番号表"));
        assert!(!is_number_label("Note"));
    }

    #[test]
    fn departments_and_persons() {
        for label in [
            "担当部署名",
            "所　属　名",
            "所管課",
            "担当課",
            "所管局",
            "担当部課",
        ] {
            assert!(is_department_label(label), "{label}");
        }
        assert!(!is_department_label("評価責任者"));
        assert!(!is_department_label("担当者"));
        assert!(!is_department_label("担当者からの一言"));
        assert!(is_person_label("評価責任者"));
    }

    #[test]
    fn outline_members_by_label_variant() {
        assert_eq!(outline_member("目　　　的"), Some("purpose"));
        assert_eq!(outline_member("事業の目的"), Some("purpose"));
        assert_eq!(outline_member("事業の対象（誰を、何を）"), Some("target"));
        assert_eq!(outline_member("対象（誰・何を）"), Some("target"));
        assert_eq!(outline_member("対　象　者"), Some("target"));
        assert_eq!(
            outline_member("意図（どういう状態にするか）"),
            Some("intent")
        );
        assert_eq!(
            outline_member("事業の手段・方法（どのように）"),
            Some("means")
        );
        assert_eq!(outline_member("事業内容"), Some("content"));
        assert_eq!(outline_member("事業概要"), Some("content"));
        assert_eq!(outline_member("事業開始年度"), Some("period"));
        assert_eq!(outline_member("事業期間"), Some("period"));
        assert_eq!(outline_member("実施形態（直営/委託）"), Some("method"));
        assert_eq!(outline_member("実施方法"), Some("method"));
        assert_eq!(outline_member("対象指標"), None);
        assert_eq!(outline_member("取組の方向性（目標）"), None);
    }

    #[test]
    fn plan_labels() {
        assert!(is_plan_label("施策の柱"));
        assert!(is_plan_label("関連計画・例規"));
        assert!(is_plan_label("根拠法令等"));
        assert!(!is_plan_label("行財政改革2015の項目"));
        assert!(is_plan_group_label("総合計画の体系"));
        assert!(!is_plan_group_label("施策の柱"));
    }

    #[test]
    fn a_bracketed_heading_before_a_value_names_it() {
        let pair = headed_value("【事業実施期間】令和5年度～9年度");
        assert_eq!(pair, Some(("事業実施期間", "令和5年度～9年度")));
        let two_lines = headed_value("［地域貢献度］\n北陸地方整備局管外");
        assert_eq!(two_lines, Some(("地域貢献度", "北陸地方整備局管外")));
        // A label: the heading alone, or with a parenthesised note (a unit).
        assert_eq!(headed_value("【事業実施期間】"), None);
        assert_eq!(headed_value("【事業費】（千円）"), None);
        // A one-character marker starts a list, not a heading; a heading not first is no
        // heading; nor is an unclosed bracket.
        assert_eq!(headed_value("［特］昭和53年、［軽］昭和54年"), None);
        assert_eq!(headed_value("項目（単位）【数値目標】"), None);
        assert_eq!(headed_value("【事業実施期間 令和5年度"), None);
    }
}
