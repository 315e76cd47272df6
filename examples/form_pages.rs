//! Stream a file through the form stage page by page without keeping the pages (for memory
//! checks on books): `form_pages FILE` prints the pages and cells read.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let file = std::env::args().nth(1).ok_or("usage: form_pages FILE")?;
    let bytes = std::fs::read(&file)?;
    let (mut pages, mut cells) = (0, 0);
    let limits = sheet_extract::Limits::default();
    sheet_extract::form::read_each(bytes, &file, &limits, None, |page| {
        pages += 1;
        cells += page.cells.len();
    })?;
    println!("{pages} pages, {cells} cells");
    Ok(())
}
