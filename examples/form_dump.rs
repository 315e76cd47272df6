//! Print the `form` reading of a PDF as JSON (until the `form` subcommand is wired):
//! `cargo run --release --example form_dump -- FILE [FIRST LAST]`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args.first().ok_or("usage: form_dump FILE [FIRST LAST]")?;
    let pages = match (args.get(1), args.get(2)) {
        (Some(a), Some(b)) => Some((a.parse()?, b.parse()?)),
        _ => None,
    };
    let bytes = std::fs::read(file)?;
    let limits = sheet_extract::Limits::default();
    let document = sheet_extract::form::read(bytes, file, &limits, pages)?;
    println!("{}", serde_json::to_string_pretty(&document)?);
    Ok(())
}
