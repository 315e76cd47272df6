//! Time the form stage on one page against today's measure extraction, per page:
//! `form_timing FORM_PDF MEASURE_PDF [N]` reads page 1 of FORM_PDF as a form and extracts
//! MEASURE_PDF as a measure sheet N times each, and prints milliseconds per page and the ratio.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let form_path = args.next().ok_or("FORM_PDF")?;
    let measure_path = args.next().ok_or("MEASURE_PDF")?;
    let n: u32 = args.next().map_or(Ok(50), |n| n.parse())?;
    let limits = sheet_extract::Limits::default();
    let form_bytes = std::fs::read(&form_path)?;
    let measure_bytes = std::fs::read(&measure_path)?;
    let measure_pages = sheet_extract::extract(measure_bytes.clone(), &measure_path)?
        .source
        .pages;
    let start = Instant::now();
    for _ in 0..n {
        sheet_extract::form::read(form_bytes.clone(), &form_path, &limits, Some((1, 1)))?;
    }
    let form_ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
    let start = Instant::now();
    for _ in 0..n {
        sheet_extract::extract(measure_bytes.clone(), &measure_path)?;
    }
    let measure_ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(n) / measure_pages as f64;
    let start = Instant::now();
    for _ in 0..n {
        sheet_extract::read_pages(form_bytes.clone(), &form_path, &limits, Some((1, 1)))?;
    }
    let pdf_ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
    let (_, contents) =
        sheet_extract::read_pages(form_bytes.clone(), &form_path, &limits, Some((1, 1)))?;
    let start = Instant::now();
    for _ in 0..n {
        sheet_extract::grid::build(0, &contents[0]);
    }
    let grid_ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
    let grid = sheet_extract::grid::build(0, &contents[0]);
    let start = Instant::now();
    for _ in 0..n {
        sheet_extract::form::read_page(&contents[0], &grid);
    }
    let stage_ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
    println!("  grid stage {grid_ms:.2} ms, form stage {stage_ms:.2} ms");
    println!("form, one page:           {form_ms:.2} ms (of which the pdf stage {pdf_ms:.2} ms)");
    println!("measure sheet, per page:  {measure_ms:.2} ms ({measure_pages} pages)");
    println!("ratio:                    {:.2}", form_ms / measure_ms);
    Ok(())
}
