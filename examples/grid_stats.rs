//! Cells and how much text they hold on the first page of any PDF: `grid_stats FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let doc = sheet_extract::pdf::Document::open(std::fs::read(&path).unwrap()).unwrap();
    let cache = doc.cache();
    let page = doc.page(0, Default::default(), &cache);
    let grid = sheet_extract::grid::build(0, &page);
    let in_cells: usize = grid.cells.iter().map(|c| c.lines.len()).sum();
    println!(
        "{path}: {} glyphs, {} segments, {} cells, {} lines in cells, {} free lines",
        page.glyphs.len(),
        page.segments.len(),
        grid.cells.len(),
        in_cells,
        grid.free_lines.len()
    );
    for c in grid.cells.iter().filter(|c| !c.is_empty()).take(8) {
        println!("  {:?}", c.text());
    }
}
