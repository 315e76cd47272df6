//! Print the project sheets of a PDF as JSON lines (until the CLI reads them):
//! `cargo run --release --example project_dump -- FILE`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let file = std::env::args().nth(1).ok_or("usage: project_dump FILE")?;
    let bytes = std::fs::read(&file)?;
    let limits = sheet_extract::Limits::default();
    for sheet in sheet_extract::project::read(bytes, &file, &limits)? {
        println!("{}", serde_json::to_string(&sheet)?);
    }
    Ok(())
}
