//! One small case per rule of the project sheet's tables (SPEC.md "Project sheets"), on form
//! pages built by hand: basis headers (innermost decides, above or below the years), rate
//! columns, text values, blocks, costs' paths, units, spanning values, marks, reasons and the
//! direction.

use serde_json::{Value, json};
use sheet_extract::form::{FormCell, FormOption, FormPage};
use sheet_extract::project::{CellRef, Context, assessments, costs, indicators};

/// A cell of the hand-built grid: row, col, rows, cols, text, label.
type Spec<'a> = (usize, usize, usize, usize, &'a str, bool);

/// Build a page: headers as the form stage gives them (labels left of / above the cell whose
/// rows / columns overlap, outermost first); a mark alone heads with the option right of it.
fn page(section: &str, specs: &[Spec]) -> FormPage {
    let overlap = |a: usize, n: usize, b: usize, m: usize| a < b + m && b < a + n;
    let mut cells: Vec<FormCell> = specs
        .iter()
        .map(|&(row, col, rows, cols, text, label)| FormCell {
            row,
            col,
            rows,
            cols,
            bbox: [
                col as f64 * 20.0,
                row as f64 * 10.0,
                (col + cols) as f64 * 20.0,
                (row + rows) as f64 * 10.0,
            ],
            text: text.to_string(),
            label,
            shaded: false,
            section: Some(section.to_string()),
            row_headers: Vec::new(),
            column_headers: Vec::new(),
            number: None,
            options: None,
        })
        .collect();
    let snapshot = cells.clone();
    for cell in &mut cells {
        let mut left: Vec<&FormCell> = snapshot
            .iter()
            .filter(|c| c.label && c.col + c.cols <= cell.col)
            .filter(|c| overlap(c.row, c.rows, cell.row, cell.rows))
            .collect();
        left.sort_by_key(|c| c.col);
        let mut above: Vec<&FormCell> = snapshot
            .iter()
            .filter(|c| c.label && c.row + c.rows <= cell.row)
            .filter(|c| overlap(c.col, c.cols, cell.col, cell.cols))
            .collect();
        above.sort_by_key(|c| c.row);
        let compact = |c: &&FormCell| c.text.replace([' ', '　'], "");
        cell.row_headers = left.iter().map(compact).collect();
        cell.column_headers = above.iter().map(compact).collect();
        if sheet_extract::labels::is_mark(&cell.text)
            && let Some(option) = snapshot
                .iter()
                .find(|c| c.row == cell.row && c.col == cell.col + cell.cols)
        {
            cell.row_headers.push(option.text.clone());
        }
    }
    FormPage {
        page: 1,
        width: 595.0,
        height: 842.0,
        cells,
        lines: Vec::new(),
    }
}

fn era(year: i32) -> Context {
    Context {
        era_year: Some(year),
    }
}

fn at(row: usize, col: usize) -> CellRef {
    CellRef { page: 1, row, col }
}

fn value(year: &str, fy: Option<i32>, expected: Value, actual: Value) -> Value {
    json!({"year": year, "fiscal_year": fy, "expected": expected, "actual": actual,
           "expected_remarks": null, "actual_remarks": null})
}

#[test]
fn innermost_basis_decides_and_rates_stay_for_fields() {
    // An outer 目標値 over 実績 / 見込 / 達成率 columns: 実績 stays actual; 達成率 is no value.
    let page = page(
        "（５）成果指標",
        &[
            (1, 1, 2, 1, "成果指標の内容", true),
            (1, 2, 1, 3, "目標値", true),
            (2, 2, 1, 1, "R５年度実　績", true),
            (2, 3, 1, 1, "R６年度見　込", true),
            (2, 4, 1, 1, "R５年度達成率", true),
            (3, 1, 1, 1, "講座の開催回数", true),
            (3, 2, 1, 1, "10", false),
            (3, 3, 1, 1, "12", false),
            (3, 4, 1, 1, "83.3%", false),
        ],
    );
    let part = indicators::read(std::slice::from_ref(&page), &era(2024));
    assert_eq!(
        serde_json::to_value(&part.value).unwrap(),
        json!([{"kind": "成果", "name": "講座の開催回数", "unit": null, "page": 1, "values": [
            value("R５", Some(2023), json!(null), json!(10)),
            value("R６", Some(2024), json!(12), json!(null)),
        ]}])
    );
    assert!(part.taken.contains(&at(3, 2)) && part.taken.contains(&at(3, 3)));
    assert!(
        !part.taken.contains(&at(3, 4)),
        "the rate is left for fields"
    );
}

#[test]
fn basis_above_years_text_values_and_empty_rows() {
    // 目標 / 実績 above the years; a text value goes to that side's remarks; a row with a
    // name and no value stays; a row with neither is omitted; 単位 column gives the unit.
    let page = page(
        "（２）事業の指標",
        &[
            (1, 1, 2, 1, "活動指標", true),
            (1, 2, 2, 1, "単位", true),
            (1, 3, 1, 2, "目標", true),
            (1, 5, 1, 2, "実績", true),
            (2, 3, 1, 1, "Ｒ４", true),
            (2, 4, 1, 1, "Ｒ５", true),
            (2, 5, 1, 1, "Ｒ４", true),
            (2, 6, 1, 1, "Ｒ５", true),
            (3, 1, 1, 1, "参加者の満足度", true),
            (3, 2, 1, 1, "%", false),
            (3, 3, 1, 1, "８０以上", false),
            (3, 4, 1, 1, "なじまない", false),
            (3, 5, 1, 1, "７５．５", false),
            (3, 6, 1, 1, "－", false),
            (4, 1, 1, 1, "見守り訪問件数", true),
            (5, 2, 1, 1, "件", false),
        ],
    );
    let part = indicators::read(std::slice::from_ref(&page), &era(2024));
    let remark = |e: &str, a: Value, r: &str| {
        json!({"year": e, "fiscal_year": if e == "Ｒ４" { 2022 } else { 2023 },
               "expected": null, "actual": a, "expected_remarks": r, "actual_remarks": null})
    };
    assert_eq!(
        serde_json::to_value(&part.value).unwrap(),
        json!([
            {"kind": "活動", "name": "参加者の満足度", "unit": "%", "page": 1, "values": [
                remark("Ｒ４", json!(75.5), "８０以上"),
                remark("Ｒ５", json!(null), "なじまない"),
            ]},
            {"kind": "活動", "name": "見守り訪問件数", "unit": null, "page": 1, "values": [
                value("Ｒ４", Some(2022), json!(null), json!(null)),
                value("Ｒ５", Some(2023), json!(null), json!(null)),
            ]},
        ])
    );
}

#[test]
fn a_block_name_row_above_its_values_names_one_indicator() {
    // 神戸市-style: a name row spanning the year columns above its value row; the name was
    // wrapped in its cell (one text): one indicator, not two.
    let page = page(
        "≪事業実績等≫",
        &[
            (1, 1, 4, 1, "事業実績", true),
            (1, 2, 1, 1, "20年度実績", true),
            (1, 3, 1, 1, "21年度見込み", true),
            (2, 2, 1, 2, "（入所者の\n延人数）", true),
            (3, 2, 1, 1, "3,670", false),
            (3, 3, 1, 1, "3,415", false),
        ],
    );
    let part = indicators::read(std::slice::from_ref(&page), &era(2013));
    assert_eq!(
        serde_json::to_value(&part.value).unwrap(),
        json!([{"kind": null, "name": "（入所者の\n延人数）", "unit": null, "page": 1, "values": [
            value("20", Some(2008), json!(null), json!(3670)),
            value("21", Some(2009), json!(3415), json!(null)),
        ]}])
    );
}

#[test]
fn bare_years_without_an_era_have_no_fiscal_year_and_one_warning() {
    let page = page(
        "≪事業実績等≫",
        &[
            (1, 1, 1, 1, "指標", true),
            (1, 2, 1, 1, "20年度実績", true),
            (1, 3, 1, 1, "21年度実績", true),
            (2, 1, 1, 1, "件数", true),
            (2, 2, 1, 1, "1", false),
        ],
    );
    let part = indicators::read(std::slice::from_ref(&page), &Context::default());
    assert_eq!(part.value[0].values[0].fiscal_year, None);
    assert_eq!(part.value[0].values[1].fiscal_year, None);
    assert_eq!(part.warnings.len(), 1);
    assert_eq!(
        part.warnings[0].kind(),
        sheet_extract::WarningKind::YearWithoutEra
    );
    assert!(
        costs::read(std::slice::from_ref(&page), &Context::default())
            .warnings
            .is_empty(),
        "one warning per sheet"
    );
}

fn cost_page() -> FormPage {
    page(
        "（４）事業費等（単位：千円）",
        &[
            (1, 1, 2, 3, "区　分", true),
            (1, 4, 1, 2, "決　算", true),
            (1, 6, 1, 1, "予　算", true),
            (2, 4, 1, 1, "R４", true),
            (2, 5, 1, 1, "R５", true),
            (2, 6, 1, 1, "R６", true),
            (3, 1, 3, 1, "コスト", true),
            (3, 2, 1, 2, "物件費", true),
            (3, 4, 1, 1, "1,000", false),
            (3, 5, 1, 1, "▲ 1,148", false),
            (3, 6, 1, 1, "1,200（30）", false),
            (4, 2, 2, 1, "（内訳）", true),
            (4, 3, 1, 1, "委託料", true),
            (4, 4, 1, 1, "900", false),
            (5, 3, 1, 1, "その他", true),
            (6, 1, 1, 3, "従事人員", true),
            (6, 4, 1, 1, "6.0人", false),
            (6, 5, 1, 1, "5.5人", false),
            (7, 1, 1, 3, "「その他」財源の内容", true),
            (7, 4, 1, 3, "基金繰入金　5,690千円", false),
        ],
    )
}

#[test]
fn cost_rows_paths_bases_units_and_amounts() {
    let page = cost_page();
    let part = costs::read(std::slice::from_ref(&page), &era(2024));
    let v = |year: &str, fy: i32, basis: &str, amount: Value, remarks: Value| json!({"year": year, "fiscal_year": fy, "basis": basis, "amount": amount, "remarks": remarks});
    let row = |a: Value, b: Value, c: Value| {
        vec![
            v("R４", 2022, "決算", a, json!(null)),
            v("R５", 2023, "決算", b, json!(null)),
            v("R６", 2024, "予算", c, json!(null)),
        ]
    };
    let mut first = row(json!(1000), json!(-1148), json!(1200));
    first[2]["remarks"] = json!("（30）");
    assert_eq!(
        serde_json::to_value(&part.value).unwrap(),
        json!({"unit": "千円", "items": [
            {"path": ["コスト", "物件費"], "unit": null, "page": 1, "values": first},
            {"path": ["コスト", "物件費", "委託料"], "unit": null, "page": 1,
             "values": row(json!(900), json!(null), json!(null))},
            {"path": ["コスト", "物件費", "その他"], "unit": null, "page": 1,
             "values": row(json!(null), json!(null), json!(null))},
            {"path": ["従事人員"], "unit": "人", "page": 1,
             "values": row(json!(6.0), json!(5.5), json!(null))},
        ]})
    );
}

#[test]
fn a_value_spanning_several_years_is_left_for_fields() {
    let page = cost_page();
    let part = costs::read(std::slice::from_ref(&page), &era(2024));
    assert!(!part.taken.contains(&at(7, 4)));
    assert!(part.taken.contains(&at(3, 6)));
}

#[test]
fn marks_choose_options_and_one_reason_serves_the_assessments_before_it() {
    let mut page = page(
        "（５）評価",
        &[
            (1, 1, 1, 1, "事業の有効性", true),
            (1, 2, 1, 1, "○", false),
            (1, 3, 1, 1, "高い", false),
            (1, 4, 1, 1, "●", false),
            (1, 5, 1, 1, "普通", false),
            (2, 1, 1, 1, "効率性", true),
            (2, 2, 1, 4, "□高い■普通□低い", false),
            (3, 1, 1, 1, "判断理由", true),
            (3, 2, 1, 4, "利用者が増えた。", false),
            (4, 1, 1, 1, "今後の方向性", true),
            (4, 2, 1, 4, "１　現状維持", false),
            (5, 1, 1, 1, "理由", true),
            (5, 2, 1, 4, "継続が求められる。", false),
            (6, 1, 1, 1, "取組の方向性（目標）", true),
            (6, 2, 1, 4, "民間活力を導入する", false),
        ],
    );
    page.cells[6].options = Some(
        [("□", "高い"), ("■", "普通"), ("□", "低い")]
            .iter()
            .map(|(m, t)| FormOption {
                mark: m.to_string(),
                text: t.to_string(),
            })
            .collect(),
    );
    let part = assessments::read(std::slice::from_ref(&page), &era(2024));
    let reason = "利用者が増えた。";
    assert_eq!(
        serde_json::to_value(&part.value.assessments).unwrap(),
        json!([
            {"label": "事業の有効性", "value": "普通", "reason": reason},
            {"label": "効率性", "value": "普通", "reason": reason},
        ])
    );
    assert_eq!(
        serde_json::to_value(&part.value.direction).unwrap(),
        json!({"label": "今後の方向性", "value": "１　現状維持", "reason": "継続が求められる。"})
    );
    assert!(
        !part.taken.contains(&at(6, 2)),
        "another 方向性 label stays for fields"
    );
    assert!(part.taken.contains(&at(1, 2)) && part.taken.contains(&at(2, 2)));
}

#[test]
fn a_direction_printed_as_marked_options() {
    let page = page(
        "（５）今後の方向性",
        &[
            (1, 1, 1, 1, "改革改善の方向性", true),
            (1, 2, 1, 1, "○", false),
            (1, 3, 1, 1, "拡充", false),
            (1, 4, 1, 1, "●", false),
            (1, 5, 1, 1, "縮小", false),
            (1, 6, 1, 1, "○", false),
            (1, 7, 1, 1, "廃止", false),
        ],
    );
    let part = assessments::read(std::slice::from_ref(&page), &era(2024));
    assert_eq!(
        serde_json::to_value(&part.value.direction).unwrap(),
        json!({"label": "改革改善の方向性", "value": "縮小", "reason": null})
    );
    assert!(part.value.assessments.is_empty());
}

#[test]
fn labels_the_form_took_for_values_still_name_their_values() {
    // The form reading may take a label for a value (池田市 R7-451): an assessment label and
    // a cost row label are recognised by their text and place.
    let page = page(
        "（５）評価",
        &[
            (1, 1, 1, 1, "事業の有効性", false),
            (1, 2, 1, 1, "A.有効的である", false),
            (2, 1, 1, 1, "判断理由", false),
            (2, 2, 1, 1, "効果が認められる。", false),
        ],
    );
    let part = assessments::read(std::slice::from_ref(&page), &era(2024));
    assert_eq!(
        serde_json::to_value(&part.value.assessments).unwrap(),
        json!([{"label": "事業の有効性", "value": "A.有効的である", "reason": "効果が認められる。"}])
    );
    let mut costs_page = cost_page();
    for cell in &mut costs_page.cells {
        if cell.text == "（内訳）" || cell.text == "委託料" {
            cell.label = false;
        }
    }
    let part = costs::read(std::slice::from_ref(&costs_page), &era(2024));
    assert_eq!(part.value.items[1].path, ["コスト", "物件費", "委託料"]);
}

#[test]
fn nested_assessment_labels_give_the_innermost_label() {
    // 京都市-style: 公共性 over 公益性 / 必需性, each with □/■ options; the sub-labels as
    // labels, and as the form reading may give them (values).
    for nested_are_labels in [true, false] {
        let mut page = page(
            "６　役割分担評価",
            &[
                (1, 1, 2, 1, "公共性", true),
                (1, 2, 1, 1, "公益性", nested_are_labels),
                (1, 3, 1, 1, "□ 共同消費性■ 個人消費性", false),
                (2, 2, 1, 1, "必需性", nested_are_labels),
                (2, 3, 1, 1, "■ 必需□ 選択", false),
            ],
        );
        for (cell, options) in [
            (2, [("□", "共同消費性"), ("■", "個人消費性")]),
            (4, [("■", "必需"), ("□", "選択")]),
        ] {
            page.cells[cell].options = Some(
                options
                    .iter()
                    .map(|(m, t)| FormOption {
                        mark: m.to_string(),
                        text: t.to_string(),
                    })
                    .collect(),
            );
        }
        let part = assessments::read(std::slice::from_ref(&page), &era(2024));
        assert_eq!(
            serde_json::to_value(&part.value.assessments).unwrap(),
            json!([
                {"label": "公益性", "value": "個人消費性", "reason": null},
                {"label": "必需性", "value": "必需", "reason": null},
            ]),
            "nested labels are labels: {nested_are_labels}"
        );
    }
}

#[test]
fn target_and_actual_rows_under_one_name_are_one_indicator() {
    // A name over two rows whose own labels name the basis (目標値 / 実績値), years without a
    // basis: one indicator, expected from one row and actual from the other.
    let page = page(
        "（２）成果指標",
        &[
            (1, 1, 1, 1, "指標名", true),
            (1, 2, 1, 1, "区分", true),
            (1, 3, 1, 1, "R５年度", true),
            (1, 4, 1, 1, "R６年度", true),
            (2, 1, 2, 1, "相談件数", true),
            (2, 2, 1, 1, "目標値", true),
            (2, 3, 1, 1, "100", false),
            (2, 4, 1, 1, "120", false),
            (3, 2, 1, 1, "実績値", true),
            (3, 3, 1, 1, "95", false),
            (4, 1, 2, 1, "満足度", true),
            (4, 2, 1, 1, "目標値", true),
            (4, 3, 1, 1, "80", false),
            (5, 2, 1, 1, "実績値", true),
            (5, 4, 1, 1, "調査中", false),
        ],
    );
    let part = indicators::read(std::slice::from_ref(&page), &era(2024));
    let mut pending = value("R６", Some(2024), json!(null), json!(null));
    pending["actual_remarks"] = json!("調査中");
    assert_eq!(
        serde_json::to_value(&part.value).unwrap(),
        json!([
            {"kind": "成果", "name": "相談件数", "unit": null, "page": 1, "values": [
                value("R５", Some(2023), json!(100), json!(95)),
                value("R６", Some(2024), json!(120), json!(null)),
            ]},
            {"kind": "成果", "name": "満足度", "unit": null, "page": 1, "values": [
                value("R５", Some(2023), json!(80), json!(null)),
                pending,
            ]},
        ])
    );
}
