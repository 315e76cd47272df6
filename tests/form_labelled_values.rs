//! The form stage on every real file of `fixtures/ja-eval/` (池田市, 神戸市, 京都市): the values
//! a reader sees on the page images carry the row and column headers a reader gives them.
//! The lists are written by hand from the page images (`pdftoppm -r 80`) and the text layer
//! (`pdftotext -raw`, for the exact characters), never from the tool's output. Headers are
//! given as the form output prints labels (white space inside a label removed).

use sheet_extract::Limits;
use sheet_extract::form::{self, FormDocument};

/// (page, value text, row headers, column headers).
type Expected = (
    usize,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

fn read(name: &str) -> FormDocument {
    let path = format!("fixtures/ja-eval/{name}.pdf");
    let bytes = std::fs::read(&path).expect("fixture");
    form::read(bytes, &path, &Limits::default(), None).expect("a readable PDF")
}

/// Every expected value is a value cell of its page with exactly those headers.
fn check(name: &str, expected: &[Expected]) {
    let document = read(name);
    let mut wrong = Vec::new();
    for &(page, text, rows, cols) in expected {
        let cells: Vec<_> = document.pages[page - 1]
            .cells
            .iter()
            .filter(|c| c.text == text)
            .collect();
        let found = cells
            .iter()
            .any(|c| !c.label && c.row_headers == rows && c.column_headers == cols);
        if !found {
            let got: Vec<_> = cells
                .iter()
                .map(|c| (c.label, &c.row_headers, &c.column_headers))
                .collect();
            wrong.push(format!(
                "page {page} {text:?}: want {rows:?} {cols:?}, got {got:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
}

const SDG: &str = "関連するSDGｓのゴール※１つ以上に○";
const ELEMENTS: &str = "行財政改革などに向けて特に意識すべき要素※１つ以上に○";

#[test]
fn ikeda_r7_001() {
    check(
        "ikeda__r7-001-jimujigyo-mokuhyo-settei",
        &[
            (1, "A.順調に推移している", &["成果指標の達成状況"], &[]),
            (
                1,
                "A.有効的である（改善の余地がない）",
                &["事業の有効性"],
                &[],
            ),
            (1, "現状維持", &["R７年度以降の事業の方向性"], &[]),
            (1, "5,700", &["財源", "その他"], &["R６年度", "予算"]),
            (
                1,
                "基金繰入金　5,690千円",
                &["R6年度における「その他」財源の主な内容"],
                &[],
            ),
        ],
    );
}

#[test]
fn ikeda_r7_100() {
    check(
        "ikeda__r7-100-jimujigyo-mokuhyo-settei",
        &[
            (1, "子ども未来課", &["担当部署名"], &[]),
            (1, "児童虐待発生予防事業", &["事務事業名"], &[]),
            (
                1,
                "①子ども・子育て支援の充実",
                &["総合計画の体系", "施策名称"],
                &[],
            ),
            (
                1,
                "市民、市職員、関係機関",
                &["事業の対象（誰を、何を）"],
                &[],
            ),
            // A plan's name holding a vocabulary word (計画) is the value of 関連計画・例規.
            (
                1,
                "第2期池田市子ども・子育て支援事業計画",
                &["関連計画・例規"],
                &[],
            ),
            (1, "○", &[SDG, "３すべての人に健康と福祉を"], &[]),
            (
                1,
                "○",
                &[
                    ELEMENTS,
                    "「みんなで取り組むまちづくり」の視点",
                    "情報の収集・発信と多様な主体のまちづくりへの参画の促進",
                ],
                &[],
            ),
            (1, "545", &["財源", "国・府支出金"], &["Ｒ４年度", "決算"]),
            (1, "672", &["事業費Ａ"], &["R６年度", "決算"]),
            (1, "人", &["支援プログラム参加者数"], &["単位"]),
            (
                1,
                "89",
                &["支援プログラム参加者数"],
                &["目標値", "R５年度実績"],
            ),
            (
                1,
                "91",
                &["支援プログラム参加者数"],
                &["目標値", "R６年度実績"],
            ),
            (1, "A.順調に推移している", &["成果指標の達成状況"], &[]),
            (
                1,
                "A.効率的である（改善の余地がない）",
                &["事業の効率性"],
                &[],
            ),
            (1, "現状維持", &["R７年度以降の事業の方向性"], &[]),
        ],
    );
}

#[test]
fn ikeda_r7_451() {
    check(
        "ikeda__r7-451-jimujigyo-mokuhyo-settei",
        &[
            (1, "交通道路課", &["担当部署名"], &[]),
            (1, "阪急宝塚線耐震補強工事補助事業", &["事務事業名"], &[]),
            (
                1,
                "③道路・公共交通の充実",
                &["総合計画の体系", "施策名称"],
                &[],
            ),
            (
                1,
                "鉄道事業者（阪急電鉄）",
                &["事業の対象（誰を、何を）"],
                &[],
            ),
            (1, "直営", &["実施形態（直営/委託）"], &[]),
            (
                1,
                "池田市鉄道施設耐震補強事業費補助金交付要綱",
                &["関連計画・例規"],
                &[],
            ),
            (1, "○", &[SDG, "９産業と技術革新の基盤をつくろう"], &[]),
            (1, "○", &[SDG, "11住み続けられるまちづくりを"], &[]),
            (1, "ー", &["上記要素に係るR６年度取組実績"], &[]),
            (1, "29,150", &["事業費Ａ"], &["Ｒ４年度", "決算"]),
            (1, "8,334", &["主な内訳", "補助金"], &["R６年度", "予算"]),
            (1, "本", &["補助本数"], &["単位"]),
            (1, "8", &["補助本数"], &["目標値", "R９年度見込"]),
            (1, "○", &["補助本数"], &["国土強靭化地域計画の指標に該当"]),
            // The assessments beside the cost table (whose empty cells are no mark slots).
            (1, "C.判断できない", &["成果指標の達成状況"], &[]),
            (
                1,
                "国補助未実施に伴い市補助を見送ったため。",
                &["判断理由"],
                &[],
            ),
            (
                1,
                "A.有効的である（改善の余地がない）",
                &["事業の有効性"],
                &[],
            ),
            (
                1,
                "A.効率的である（改善の余地がない）",
                &["事業の効率性"],
                &[],
            ),
            (1, "事業の方向性は問題がない。", &["判断理由"], &[]),
            (1, "現状維持", &["R７年度以降の事業の方向性"], &[]),
        ],
    );
}

#[test]
fn kobe_h25_001() {
    check(
        "kobe__h25-001-jimujigyo-hyoka-sheet",
        &[
            (1, "庁舎設備管理業務", &["事務事業名"], &[]),
            (1, "行財政局行政監察部庶務課", &["所属名"], &[]),
            (1, "庶務課長　井上　伸一", &["評価責任者"], &[]),
            (1, "来庁者（市民等）、職員", &["対象者"], &[]),
            (1, "100,000", &["コスト", "人件費"], &["20年度決算"]),
            (1, "80,000", &["コスト", "人件費"], &["25年度予算"]),
            (1, "375,620", &["コスト", "合計（A）"], &["20年度決算"]),
            (1, "439,451", &["（差引）一般財源（B）"], &["25年度予算"]),
            (1, "10.0人", &["従事人員(D)"], &["20年度決算"]),
            (
                2,
                "244",
                &["市民一人あたりの市税等の充当額（B／人口*1,000）（単位：円）"],
                &["項目（単位）【数値目標】", "20年度実績"],
            ),
            (
                2,
                "285",
                &["市民一人あたりの市税等の充当額（B／人口*1,000）（単位：円）"],
                &["項目（単位）【数値目標】", "25年度見込み"],
            ),
            (
                2,
                "一部委託",
                &["実施方法（直営・全部委託・一部委託・その他など）"],
                &["20年度決算"],
            ),
            (
                2,
                "6.0人",
                &["職種等内訳（人数）", "技術職"],
                &["20年度決算"],
            ),
            (2, "8.0人", &["合計(D)"], &["25年度予算"]),
            (
                3,
                "業務執行体制の見直しにより、技術職１名を減員した。",
                &["これまでの再構築・民営化等の取組み及び成果"],
                &[],
            ),
            (
                3,
                "●",
                &["内部評価", "27年度における達成見込み", "おおむね達成"],
                &[],
            ),
        ],
    );
}

#[test]
fn kyoto_r6_001() {
    check(
        "kyoto__r6-001-shinki-jujitsu-torikumi",
        &[
            // Names printed outside cells: `Ｎｏ．` above the number box, `所管局` left of the
            // department's box.
            (1, "1", &[], &["Ｎｏ．"]),
            (1, "環境政策局", &["所管局"], &[]),
            (
                1,
                "京都市脱炭素先行地域創出事業",
                &["事業名（令和６年度）"],
                &[],
            ),
            (
                1,
                "326,800（0）",
                &["経費（一財）"],
                &["令和５年度予算現額"],
            ),
            (1, "197,770(１)", &["経費（一財）"], &["令和５年度決算"]),
            (1, "478,067(0)", &["経費（一財）"], &["令和６年度当初予算"]),
            (
                2,
                "京都市脱炭素先行地域創出事業",
                &["事業名（令和６年度）"],
                &[],
            ),
            (
                2,
                "663,000（0）",
                &["７令和７年度の方向性", "予算案経費（一財）、単位（千円）"],
                &[],
            ),
            (
                2,
                "現状のまま継続",
                &["７令和７年度の方向性", "方向性"],
                &[],
            ),
        ],
    );
}

#[test]
fn kobe_h25_007() {
    check(
        "kobe__h25-007-jimujigyo-hyoka-sheet",
        &[
            (1, "害虫駆除・動物管理等公衆衛生業務", &["事務事業名"], &[]),
            (1, "保健福祉局健康部地域保健課", &["所属名"], &[]),
            (1, "市民一般", &["対象者"], &[]),
            (1, "780,135", &["コスト", "人件費"], &["20年度決算"]),
            (
                1,
                "123,210",
                &["コスト", "（内訳）", "委託料"],
                &["24年度決算"],
            ),
            (1, "1,006,764", &["コスト", "合計（A）"], &["21年度決算"]),
            (1, "58人", &["従事人員(D)"], &["25年度予算"]),
            (
                2,
                "546",
                &["市民一人あたりの市税等の充当額（B／人口*1,000）（単位：円）"],
                &["項目（単位）【数値目標】", "20年度実績"],
            ),
        ],
    );
}
