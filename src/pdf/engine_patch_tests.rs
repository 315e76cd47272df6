//! The engine patch (vendor/hayro-font, PATCHED.md): a CID font's embedded TrueType program is
//! read on first use, not when the font is made. Extraction never draws an outline, so these
//! tests draw them: the program read late is the embedded one, byte for byte; an unreadable one
//! gives way to the fallback program or to no outline, and its text still comes out.

use std::io::Write;
use std::sync::Arc;

use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::hayro_syntax::object::dict::keys::{DESCENDANT_FONTS, FONT_DESC, FONT_FILE2};
use hayro_interpret::hayro_syntax::object::{Array, Dict, Stream};
use hayro_interpret::kurbo::{BezPath, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, TransformExt, interpret_page,
};

use super::HayroGlyph;

/// What one drawn glyph gave: its text, whether its outline has segments, its font's data.
struct Drawn {
    text: String,
    outlined: bool,
    font_data: Option<Vec<u8>>,
}

/// A device that draws every glyph's outline, as a renderer would.
#[derive(Default)]
struct OutlineProbe {
    drawn: Vec<Drawn>,
}

impl<'a> Device<'a> for OutlineProbe {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, _: DrawProps<'a>, _: &DrawMode) {
        for glyph in run.glyphs() {
            let HayroGlyph::Outline(outline) = &**glyph else {
                continue;
            };
            let text = match outline.as_unicode() {
                Some(hayro_interpret::hayro_cmap::BfString::Char(c)) => c.to_string(),
                Some(hayro_interpret::hayro_cmap::BfString::String(s)) => s,
                None => String::new(),
            };
            self.drawn.push(Drawn {
                text,
                outlined: outline.outline().elements().len() > 1,
                font_data: outline.font_data().map(|d| (*d.data).as_ref().to_vec()),
            });
        }
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// The glyphs of page 1 of `bytes`, drawn with `settings`.
fn draw_page_one(bytes: Vec<u8>, settings: InterpreterSettings) -> Vec<Drawn> {
    let pdf = Pdf::new(bytes).expect("the test PDF loads");
    let pages = pdf.pages();
    let page = &pages[0];
    let (width, height) = page.render_dimensions();
    let bbox = Rect::new(0.0, 0.0, width as f64, height as f64);
    let cache = InterpreterCache::new();
    let transform = page.initial_transform(true).to_kurbo();
    let mut context = Context::new(transform, bbox, &cache, pdf.xref(), settings);
    let mut probe = OutlineProbe::default();
    interpret_page(page, &mut context, &mut probe);
    probe.drawn
}

/// The decoded `FontFile2` programs of page 1's Type 0 fonts.
fn embedded_programs(bytes: Vec<u8>) -> Vec<Vec<u8>> {
    let pdf = Pdf::new(bytes).expect("the test PDF loads");
    let pages = pdf.pages();
    let resources: Vec<Dict<'_>> = super::font_dicts(&pages[0]);
    resources
        .iter()
        .flat_map(|fonts| {
            fonts
                .keys()
                .filter_map(|key| fonts.get::<Dict<'_>>(key.as_ref()))
        })
        .filter_map(|font| font.get::<Array<'_>>(DESCENDANT_FONTS))
        .filter_map(|descendants| descendants.iter::<Dict<'_>>().next())
        .filter_map(|cid_font| cid_font.get::<Dict<'_>>(FONT_DESC))
        .filter_map(|descriptor| descriptor.get::<Stream<'_>>(FONT_FILE2))
        .map(|program| program.decoded().expect("the program inflates").to_vec())
        .collect()
}

#[test]
fn a_program_read_on_first_use_is_the_embedded_one() {
    // Sheets as Excel writes them: CID TrueType fonts (Identity-H) with ToUnicode maps, their
    // programs Flate-compressed (a real page of 池田市) or stored plain (the generator's).
    for file in [
        "fixtures/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.pdf",
        "fixtures/excel/xl-001.pdf",
    ] {
        assert_programs_drawn(file);
    }
}

/// Every glyph that `file`'s page 1 draws from a CID TrueType font has an outline, read from
/// the font's own program.
fn assert_programs_drawn(file: &str) {
    let bytes = std::fs::read(file).unwrap();
    let programs = embedded_programs(bytes.clone());
    assert!(!programs.is_empty(), "{file} embeds CID TrueType programs");
    let drawn = draw_page_one(bytes, InterpreterSettings::default());
    let from_programs = |d: &&Drawn| d.font_data.as_ref().is_some_and(|f| programs.contains(f));
    let cid_glyphs: Vec<&Drawn> = drawn.iter().filter(from_programs).collect();
    let count = cid_glyphs.len();
    assert!(
        count > 100,
        "{file}: {count} glyphs drawn from the embedded programs"
    );
    let blank = |d: &&Drawn| d.text.trim().is_empty();
    assert!(cid_glyphs.iter().filter(|d| !blank(d)).all(|d| d.outlined));
}

/// A one-page PDF showing code 1 in a Type 0 font whose `FontFile2` holds `program` (Flate
/// compressed) and whose ToUnicode maps code 1 to `A`.
fn one_glyph_pdf(program: &[u8]) -> Vec<u8> {
    let mut deflated = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    deflated.write_all(program).unwrap();
    let deflated = deflated.finish().unwrap();
    let to_unicode = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
        /CMapName /T def 1 begincodespacerange <0000> <FFFF> endcodespacerange \
        1 beginbfchar <0001> <0041> endbfchar endcmap CMapName currentdict /CMap defineresource \
        pop end end";
    let content = b"BT /F1 12 Tf 72 700 Td <0001> Tj ET";
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
          /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
    ];
    let stream = |dict: &str, data: &[u8]| {
        let mut object = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        object.extend_from_slice(data);
        object.extend_from_slice(b"\nendstream");
        object
    };
    objects.push(stream("", content));
    objects.push(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+Test /Encoding /Identity-H \
          /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+Test /CIDToGIDMap /Identity \
          /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
          /FontDescriptor 8 0 R /DW 1000 >>"
            .to_vec(),
    );
    objects.push(stream("", to_unicode));
    objects.push(
        b"<< /Type /FontDescriptor /FontName /AAAAAA+Test /Flags 32 /FontBBox [0 0 1000 1000] \
          /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 9 0 R >>"
            .to_vec(),
    );
    objects.push(stream("/Filter /FlateDecode", &deflated));
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (number, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", number + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[test]
fn an_unreadable_program_read_on_first_use_gives_way_to_the_fallback() {
    // A TrueType header and nothing after it.
    let garbage = vec![0, 1, 0, 0];
    let drawn = draw_page_one(one_glyph_pdf(&garbage), InterpreterSettings::default());
    assert_eq!(drawn.len(), 1);
    assert_eq!(drawn[0].text, "A");
    // The fallback is one of the engine's own fonts, not the garbage.
    let fallback = drawn[0].font_data.as_deref();
    assert!(fallback.is_some_and(|data| data != garbage.as_slice()));

    // Without a fallback there is no outline, and still the text.
    let settings = InterpreterSettings {
        font_resolver: Arc::new(|_| None),
        ..InterpreterSettings::default()
    };
    let drawn = draw_page_one(one_glyph_pdf(&garbage), settings);
    assert_eq!(drawn.len(), 1);
    assert_eq!(drawn[0].text, "A");
    assert!(!drawn[0].outlined);
    assert!(drawn[0].font_data.is_none());
}
