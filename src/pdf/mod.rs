//! Stage 1 — **pdf**: takes the bytes of a PDF file and gives, per page, the positioned
//! glyphs and the ruling segments (stroked lines and thin filled rectangles).
//!
//! Coordinates are in PDF points, top-down (y grows downwards), relative to the page's
//! crop box, with page rotation applied: what a reader sees on screen.
//!
//! The engine is `hayro-interpret` (see README, "Choice of PDF engine"). This module is the
//! only one that knows about it.

use hayro_interpret::font::Glyph as HayroGlyph;
use hayro_interpret::hayro_cmap::{BfString, CMap, CMapName, load_embedded};
use std::collections::{HashMap, HashSet};

use hayro_interpret::hayro_syntax::content::TypedIter;
use hayro_interpret::hayro_syntax::object::dict::keys::{
    BASE_FONT, CIDSYSTEMINFO, CONTENTS, DESCENDANT_FONTS, DIFFERENCES, ENCODING, FONT, FONT_DESC,
    FONT_FILE, FONT_FILE2, FONT_FILE3, ORDERING, RESOURCES, SUBTYPE, TO_UNICODE,
};
use hayro_interpret::hayro_syntax::object::{Array, Dict, Name, Object, Stream};
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, Paint, RenderContent, SoftMask, TransformExt,
    font::GlyphRun, interpret, interpret_page,
};

use crate::error::ExtractError;
use crate::tolerances::TOLERANCES;

pub mod budget;

pub use budget::StreamBudget;

/// `font F1 has no Unicode mapping` / `fonts A, B have no Unicode mapping`: why glyphs of
/// these fonts give no text.
pub fn describe_fonts(fonts: &[String]) -> String {
    match fonts {
        [] => "their font has no Unicode mapping".into(),
        [one] => format!("font {one} has no Unicode mapping"),
        many => format!("fonts {} have no Unicode mapping", many.join(", ")),
    }
}

/// Height of a glyph box above the baseline, in em (an approximation: fonts' own ascents are
/// not read).
pub const ASCENT: f64 = TOLERANCES.ascent;
/// Depth of a glyph box below the baseline, in em.
pub const DESCENT: f64 = TOLERANCES.descent;

/// One visible glyph on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The text the glyph stands for (usually one character).
    pub text: String,
    /// Left edge of the glyph box.
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// Horizontal advance (box width).
    pub width: f64,
    /// Font size as drawn on the page (em height).
    pub size: f64,
}

impl Glyph {
    /// Top of the glyph box (baseline minus ascent, [`ASCENT`]).
    pub fn top(&self) -> f64 {
        self.y - ASCENT * self.size
    }
    /// Bottom of the glyph box (baseline plus descent).
    pub fn bottom(&self) -> f64 {
        self.y + DESCENT * self.size
    }
    /// Centre of the glyph box.
    pub fn center(&self) -> (f64, f64) {
        (
            self.x + self.width / 2.0,
            self.y - (ASCENT - DESCENT) / 2.0 * self.size,
        )
    }
}

/// Orientation of a ruling segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// Along x: `pos` is y, `start..end` along x.
    Horizontal,
    /// Along y: `pos` is x, `start..end` along y.
    Vertical,
}

/// An axis-aligned ruling line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub axis: Axis,
    /// The fixed coordinate (y for horizontal, x for vertical).
    pub pos: f64,
    pub start: f64,
    pub end: f64,
    /// Drawn as a pattern (a row of dots or dashes, a dashed stroke), which may stop a few
    /// points short of the corner it runs to.
    pub patterned: bool,
}

/// What one page holds for the extractor.
#[derive(Debug, Clone, Default)]
pub struct PageContent {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
    /// Filled areas that are not rulings, in paint order (a later fill covers an earlier).
    pub fills: Vec<Fill>,
    /// Glyphs drawn that could not be decoded to Unicode, and the fonts without any Unicode
    /// mapping that the page uses.
    pub undecoded: Undecoded,
}

/// A filled rectangle wider than a ruling (a cell's background, a shaded bar), with its
/// colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// Red, green, blue, each 0–1.
    pub rgb: [f32; 3],
}

/// A channel below this share of full intensity makes a colour visibly different from white.
pub const SHADE_THRESHOLD: f32 = 0.9;

impl Fill {
    /// Visibly different from white: any channel below [`SHADE_THRESHOLD`].
    pub fn is_shaded(&self) -> bool {
        self.rgb.iter().any(|&c| c < SHADE_THRESHOLD)
    }
}

/// Glyphs that no Unicode mapping decodes (SPEC.md: a warning naming the font).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Undecoded {
    pub glyphs: usize,
    /// Base names of the page's fonts that have no Unicode mapping.
    pub fonts: Vec<String>,
}

/// Bounds that keep one hostile page from eating unbounded memory.
#[derive(Debug, Clone, Copy)]
pub struct PageLimits {
    pub max_glyphs: usize,
    pub max_segments: usize,
}

impl Default for PageLimits {
    fn default() -> Self {
        PageLimits {
            max_glyphs: 200_000,
            max_segments: 200_000,
        }
    }
}

/// Distinct fonts one [`PageCache`] may hold before it is full.
const MAX_CACHED_FONTS: usize = 256;

/// Compressed font programs one [`PageCache`] may hold before it is full: a cache keeps
/// every font it parsed (a CID TrueType program inflates to a few MB), and a book from mixed
/// producers embeds new fonts sheet after sheet.
const MAX_CACHED_PROGRAM_BYTES: u64 = 1 << 20;

/// Fonts and objects parsed while interpreting one page, reused for the next ones (Excel and
/// LibreOffice share font programs between pages; parsing them is most of the work). It keeps
/// every font it parsed: [`PageCache::is_full`] says when a reader of a long book whose
/// sheets embed fonts of their own should start a fresh cache.
pub struct PageCache<'a> {
    engine: InterpreterCache<'a>,
    /// The font dictionaries seen, known by where they are in the file.
    fonts: std::cell::RefCell<HashSet<usize>>,
    /// Compressed bytes of the programs of those fonts.
    program_bytes: std::cell::Cell<u64>,
}

impl PageCache<'_> {
    /// How many distinct font dictionaries the pages interpreted with this cache used.
    pub fn fonts(&self) -> usize {
        self.fonts.borrow().len()
    }

    /// Whether the cache holds so many fonts (or so many bytes of font programs) that it
    /// should not take more.
    pub fn is_full(&self) -> bool {
        self.fonts() > MAX_CACHED_FONTS || self.program_bytes.get() > MAX_CACHED_PROGRAM_BYTES
    }

    /// Whether `font_dicts` hold a font this cache has not seen.
    fn lacks_any(&self, font_dicts: &[Dict<'_>]) -> bool {
        let seen = self.fonts.borrow();
        font_dicts.iter().any(|fonts| {
            fonts.keys().any(|key| {
                fonts
                    .get::<Dict<'_>>(key.as_ref())
                    .is_some_and(|font| !seen.contains(&(font.data().as_ptr() as usize)))
            })
        })
    }
}

/// A parsed PDF document, ready to give pages.
pub struct Document {
    pdf: Pdf,
}

/// A file's bytes, shared (not copied) between the reader, the engine and its callers.
pub type FileBytes = std::sync::Arc<Vec<u8>>;

impl Document {
    /// Parse a PDF from its bytes (decrypting with the empty password where needed).
    pub fn open(bytes: impl Into<FileBytes>) -> Result<Document, ExtractError> {
        let bytes: FileBytes = bytes.into();
        if !looks_like_pdf(&bytes) {
            return Err(ExtractError::NotPdf(sniff_kind(&bytes)));
        }
        let bytes_tail = bytes[bytes.len().saturating_sub(2048)..].to_vec();
        match Pdf::new(bytes) {
            Ok(pdf) => Ok(Document { pdf }),
            Err(LoadPdfError::Decryption(e)) => Err(decryption_error(e)),
            Err(LoadPdfError::Invalid) if !ends_with_eof_marker(&bytes_tail) => Err(
                ExtractError::Damaged("truncated: the end of the file is missing".into()),
            ),
            Err(LoadPdfError::Invalid) => Err(ExtractError::Damaged(
                "no readable cross-reference table or page tree".into(),
            )),
        }
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    /// Charge page `index`'s content streams to `budget`; `false` when over its limit.
    pub fn charge_streams(&self, index: usize, budget: &mut StreamBudget) -> bool {
        let pages = self.pdf.pages();
        pages
            .get(index)
            .is_none_or(|page| budget.charge_page(page, self.pdf.xref()))
    }

    /// Whether page `index` should be read with a fresh cache: `cache` is full and the page
    /// brings fonts it has not parsed (a book whose pages share their fonts keeps its cache).
    pub fn needs_fresh_cache(&self, index: usize, cache: &PageCache<'_>) -> bool {
        cache.is_full()
            && self
                .pdf
                .pages()
                .get(index)
                .is_some_and(|page| cache.lacks_any(&font_dicts(page)))
    }

    /// A cache of parsed fonts and objects to share between the pages of this document.
    pub fn cache(&self) -> PageCache<'_> {
        PageCache {
            engine: InterpreterCache::new(),
            fonts: Default::default(),
            program_bytes: Default::default(),
        }
    }

    /// Interpret page `index` (0-based) and collect its glyphs and ruling segments.
    pub fn page<'a>(
        &'a self,
        index: usize,
        limits: PageLimits,
        cache: &PageCache<'a>,
    ) -> PageContent {
        let pages = self.pdf.pages();
        let Some(page) = pages.get(index) else {
            return PageContent::default();
        };
        let (width, height) = page.render_dimensions();
        // The page's own content is interpreted from a stream decoded here and dropped after:
        // hayro's `Page` keeps its decoded content for the document's life, which made memory
        // grow with the pages of a book. `interpret_page` then draws the annotations only.
        let settings = InterpreterSettings {
            render_content: RenderContent::ANNOTATIONS,
            ..InterpreterSettings::default()
        };
        let transform = page.initial_transform(true).to_kurbo();
        let bbox = Rect::new(0.0, 0.0, width as f64, height as f64);
        let mut context = Context::new(transform, bbox, &cache.engine, self.pdf.xref(), settings);
        let fonts = font_dicts(page);
        note_fonts(&fonts, cache);
        let mut collector = Collector::new(limits, unmapped_fonts(&fonts));
        let content = content_stream(page);
        interpret(
            TypedIter::new(&content),
            page.resources(),
            &mut context,
            &mut collector,
        );
        drop(content);
        interpret_page(page, &mut context, &mut collector);
        let mut content = collector.finish();
        content.width = width as f64;
        content.height = height as f64;
        content
    }
}

/// The page's content streams decoded and joined (a space between two, as hayro joins them),
/// owned by the caller; an undecodable stream is left out.
fn content_stream(page: &Page<'_>) -> Vec<u8> {
    let dict = page.raw();
    let decoded = |stream: Stream<'_>| stream.decoded_data().ok().map(|d| d.into_owned());
    if let Some(stream) = dict.get::<Stream<'_>>(CONTENTS) {
        return decoded(stream).unwrap_or_default();
    }
    let mut joined = Vec::new();
    if let Some(array) = dict.get::<Array<'_>>(CONTENTS) {
        for data in array.iter::<Stream<'_>>().filter_map(decoded) {
            joined.extend(data);
            joined.push(b' ');
        }
    }
    joined
}

fn decryption_error(e: DecryptionError) -> ExtractError {
    match e {
        DecryptionError::PasswordProtected => ExtractError::Encrypted,
        DecryptionError::UnsupportedAlgorithm => {
            ExtractError::Damaged("unsupported encryption algorithm".into())
        }
        DecryptionError::MissingIDEntry => {
            ExtractError::Damaged("encrypted, but the trailer has no /ID".into())
        }
        DecryptionError::InvalidEncryption => {
            ExtractError::Damaged("invalid encryption dictionary".into())
        }
    }
}

/// A complete PDF ends with `%%EOF` (give or take trailing whitespace or junk).
fn ends_with_eof_marker(tail: &[u8]) -> bool {
    tail.windows(5).any(|w| w == b"%%EOF")
}

fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// A short name for what a non-PDF file seems to be.
fn sniff_kind(bytes: &[u8]) -> String {
    let head: Vec<u8> = bytes
        .iter()
        .take(512)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if bytes.is_empty() {
        "empty file".into()
    } else if bytes.starts_with(b"PK\x03\x04") {
        "a ZIP archive (xlsx/docx?)".into()
    } else if has(b"<html") || has(b"<!doctype html") {
        "an HTML page".into()
    } else if bytes.starts_with(b"\x89PNG") || bytes.starts_with(b"\xff\xd8\xff") {
        "an image".into()
    } else {
        "no %PDF- header".into()
    }
}

/// Thickness under which a filled rectangle counts as a ruling line.
const MAX_RULE_THICKNESS: f64 = TOLERANCES.max_rule_thickness;
/// Largest side of a filled dot (of a dotted or hair border): smaller in both directions than
/// a ruling's thickness, it is neither horizontal nor vertical alone.
const MAX_MARK_SIZE: f64 = TOLERANCES.max_mark_size;
/// Longest dash of a dashed border: thin rectangles up to this long are also marks.
const MAX_DASH_LENGTH: f64 = TOLERANCES.max_dash_length;
/// Largest distance between the centres of neighbouring marks of one dotted or dashed ruling.
const MAX_MARK_PITCH: f64 = TOLERANCES.max_mark_pitch;
/// How far the centres of the marks of one ruling may stray from its line.
const MARK_LINE_TOLERANCE: f64 = TOLERANCES.mark_line;
/// Fewest marks in a row that make a ruling.
const MIN_MARKS: usize = 3;
/// How far outside the clip box a glyph's centre may lie and still be visible (a glyph
/// straddling the clip edge is read).
const CLIP_TOLERANCE: f64 = TOLERANCES.clip;
/// Tolerance for a path segment to count as axis-aligned.
const AXIS_EPS: f64 = TOLERANCES.axis_aligned;

/// The hayro `Device` that records glyphs and ruling segments.
struct Collector {
    limits: PageLimits,
    glyphs: Vec<Glyph>,
    segments: Vec<Segment>,
    fills: Vec<Fill>,
    /// Small filled rectangles: dots or dashes, rulings only when many stand in a row.
    marks: Vec<Rect>,
    /// CID → Unicode for the page's CID-keyed fonts without ToUnicode (Adobe-Japan1-UCS2 for
    /// Distiller's Japanese fonts), as poppler decodes them.
    ucs2: Option<CMap>,
    /// Code → character for the page's Type 3 fonts, from their glyph names.
    type3_names: HashMap<u32, char>,
    undecoded: Undecoded,
    /// The clip in force, as nested clip boxes intersected (Excel clips each wrapped cell).
    clips: Vec<Rect>,
    /// The transforms of the current run's glyphs (scratch, for turned text).
    transforms: Vec<Affine>,
}

impl Collector {
    fn new(limits: PageLimits, fonts: UnmappedFonts) -> Self {
        Collector {
            limits,
            glyphs: Vec::new(),
            segments: Vec::new(),
            fills: Vec::new(),
            marks: Vec::new(),
            ucs2: fonts.ucs2,
            type3_names: fonts.type3_names,
            undecoded: Undecoded {
                glyphs: 0,
                fonts: fonts.names,
            },
            clips: Vec::new(),
            transforms: Vec::new(),
        }
    }

    fn finish(mut self) -> PageContent {
        dedup_glyphs(&mut self.glyphs);
        for segment in mark_rulings(&self.marks) {
            self.push_segment(segment);
        }
        if self.undecoded.glyphs == 0 {
            self.undecoded.fonts.clear();
        }
        PageContent {
            glyphs: self.glyphs,
            segments: self.segments,
            fills: self.fills,
            undecoded: self.undecoded,
            ..PageContent::default()
        }
    }

    fn push_segment(&mut self, seg: Segment) {
        if self.segments.len() < self.limits.max_segments
            && seg.end - seg.start > TOLERANCES.min_segment_length
        {
            self.segments.push(seg);
        }
    }

    fn add_stroke(&mut self, path: &BezPath, patterned: bool) {
        let mut last = Point::ZERO;
        let mut start = Point::ZERO;
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    last = p;
                    start = p;
                }
                PathEl::LineTo(p) => {
                    self.add_line(last, p, patterned);
                    last = p;
                }
                PathEl::ClosePath => {
                    self.add_line(last, start, patterned);
                    last = start;
                }
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => last = p,
            }
        }
    }

    fn add_line(&mut self, a: Point, b: Point, patterned: bool) {
        if (a.y - b.y).abs() < AXIS_EPS {
            self.push_segment(Segment {
                axis: Axis::Horizontal,
                pos: (a.y + b.y) / 2.0,
                start: a.x.min(b.x),
                end: a.x.max(b.x),
                patterned,
            });
        } else if (a.x - b.x).abs() < AXIS_EPS {
            self.push_segment(Segment {
                axis: Axis::Vertical,
                pos: (a.x + b.x) / 2.0,
                start: a.y.min(b.y),
                end: a.y.max(b.y),
                patterned,
            });
        }
    }

    /// A filled path: each axis-aligned rectangular sub-path that is thin is a ruling; a
    /// wider one painted in a solid colour (`rgb`) is a [`Fill`].
    fn add_fill(&mut self, path: &BezPath, rgb: Option<[f32; 3]>) {
        for sub in split_subpaths(path) {
            let Some(rect) = as_axis_rect(&sub) else {
                continue;
            };
            let (short, long) = (
                rect.width().min(rect.height()),
                rect.width().max(rect.height()),
            );
            let is_mark = short <= MAX_RULE_THICKNESS && long <= MAX_DASH_LENGTH;
            if is_mark && self.marks.len() < self.limits.max_segments {
                self.marks.push(rect);
            }
            if long <= MAX_MARK_SIZE {
                continue;
            }
            if short > MAX_RULE_THICKNESS {
                if let Some(rgb) = rgb
                    && self.fills.len() < self.limits.max_segments
                {
                    self.fills.push(Fill {
                        x0: rect.x0,
                        y0: rect.y0,
                        x1: rect.x1,
                        y1: rect.y1,
                        rgb,
                    });
                }
                continue;
            }
            if rect.height() <= MAX_RULE_THICKNESS && rect.width() > rect.height() {
                self.push_segment(Segment {
                    axis: Axis::Horizontal,
                    pos: (rect.y0 + rect.y1) / 2.0,
                    start: rect.x0,
                    end: rect.x1,
                    patterned: false,
                });
            } else if rect.width() <= MAX_RULE_THICKNESS && rect.height() > rect.width() {
                self.push_segment(Segment {
                    axis: Axis::Vertical,
                    pos: (rect.x0 + rect.x1) / 2.0,
                    start: rect.y0,
                    end: rect.y1,
                    patterned: false,
                });
            }
        }
    }
}

/// Rows of regularly spaced small marks along one line (dotted, hair and dashed borders as
/// Excel draws them): each row of at least [`MIN_MARKS`] is one ruling from its first mark
/// to its last. Lone marks and scattered ones are nothing.
fn mark_rulings(marks: &[Rect]) -> Vec<Segment> {
    let mut out = Vec::new();
    for axis in [Axis::Horizontal, Axis::Vertical] {
        // (position across the line, position along it, start, end) of each mark.
        let mut keyed: Vec<(f64, f64, f64, f64)> = marks
            .iter()
            .map(|r| match axis {
                Axis::Horizontal => ((r.y0 + r.y1) / 2.0, (r.x0 + r.x1) / 2.0, r.x0, r.x1),
                Axis::Vertical => ((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0, r.y0, r.y1),
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut line: Vec<(f64, f64, f64, f64)> = Vec::new();
        let mut flush = |line: &mut Vec<(f64, f64, f64, f64)>| {
            if line.len() >= MIN_MARKS {
                let pos = line.iter().map(|m| m.0).sum::<f64>() / line.len() as f64;
                out.push(Segment {
                    axis,
                    pos,
                    start: line[0].2,
                    end: line[line.len() - 1].3,
                    patterned: true,
                });
            }
            line.clear();
        };
        for mark in keyed {
            let continues = line.last().is_some_and(|last| {
                (mark.0 - line[0].0).abs() <= MARK_LINE_TOLERANCE
                    && mark.1 - last.1 <= MAX_MARK_PITCH
            });
            if !continues {
                flush(&mut line);
            }
            line.push(mark);
        }
        flush(&mut line);
    }
    out
}

/// The page's fonts that carry no Unicode mapping of their own.
struct UnmappedFonts {
    /// The CID → Unicode map of their character collection, when they are CID-keyed with an
    /// Identity encoding (CID = code) and one Adobe collection.
    ucs2: Option<CMap>,
    names: Vec<String>,
    /// Code → character from the /Differences glyph names of Type 3 fonts.
    type3_names: HashMap<u32, char>,
}

/// The font dictionaries of a page's resources (inherited ones included) and of the form
/// XObjects it draws directly.
fn font_dicts<'a>(page: &hayro_interpret::hayro_syntax::page::Page<'a>) -> Vec<Dict<'a>> {
    let resources = page.resources();
    let mut out = vec![resources.fonts.clone()];
    for key in resources.x_objects.keys() {
        if let Some(form) = resources.x_objects.get::<Stream<'_>>(key.as_ref())
            && let Some(fonts) = form
                .dict()
                .get::<Dict<'_>>(RESOURCES)
                .and_then(|r| r.get::<Dict<'_>>(FONT))
        {
            out.push(fonts);
        }
    }
    out
}

/// Record in `cache` the fonts of `font_dicts`, each known by where its dictionary is in the
/// file, and the compressed size of the programs of those first seen.
fn note_fonts(font_dicts: &[Dict<'_>], cache: &PageCache<'_>) {
    let mut seen = cache.fonts.borrow_mut();
    for fonts in font_dicts {
        for key in fonts.keys() {
            if let Some(font) = fonts.get::<Dict<'_>>(key.as_ref())
                && seen.insert(font.data().as_ptr() as usize)
            {
                let bytes = cache.program_bytes.get() + program_bytes(&font);
                cache.program_bytes.set(bytes);
            }
        }
    }
}

/// Compressed bytes of a font's embedded programs (a composite font's: its descendants').
fn program_bytes(font: &Dict<'_>) -> u64 {
    let descendants = font.get::<Array<'_>>(DESCENDANT_FONTS);
    let dicts =
        std::iter::once(font.clone()).chain(descendants.iter().flat_map(|a| a.iter::<Dict<'_>>()));
    dicts
        .filter_map(|dict| dict.get::<Dict<'_>>(FONT_DESC))
        .flat_map(|descriptor| {
            [FONT_FILE, FONT_FILE2, FONT_FILE3]
                .into_iter()
                .filter_map(move |key| descriptor.get::<Stream<'_>>(key))
        })
        .map(|program| program.raw_data().len() as u64)
        .sum()
}

/// Fonts without ToUnicode among `font_dicts`: the names of the Type0 ones, the collection's
/// UCS2 map when all of those use one Adobe collection with Identity-H/V, and the glyph names
/// of the Type 3 ones.
fn unmapped_fonts(font_dicts: &[Dict<'_>]) -> UnmappedFonts {
    let mut names = Vec::new();
    let mut orderings = Vec::new();
    let mut type3_names = HashMap::new();
    let entries = font_dicts.iter().flat_map(|fonts| {
        fonts
            .keys()
            .filter_map(|key| Some((key.clone(), fonts.get::<Dict<'_>>(key.as_ref())?)))
    });
    let mut all_names = Vec::new();
    for (key, font) in entries {
        let subtype = font.get::<Name<'_>>(SUBTYPE);
        let subtype = subtype.as_ref().map_or("", |n| n.as_str());
        let base_font = font
            .get::<Name<'_>>(BASE_FONT)
            .map_or_else(|| key.as_str().to_string(), |n| n.as_str().to_string());
        if subtype == "Type0" && !all_names.contains(&base_font) {
            all_names.push(base_font);
        }
        if font.get::<Object<'_>>(TO_UNICODE).is_some() {
            continue;
        }
        if subtype != "Type0" && subtype != "Type3" {
            continue;
        }
        let name = font
            .get::<Name<'_>>(BASE_FONT)
            .map_or_else(|| key.as_str().to_string(), |n| n.as_str().to_string());
        if !names.contains(&name) {
            names.push(name);
        }
        if subtype == "Type3" {
            read_type3_names(&font, &mut type3_names);
            continue;
        }
        orderings.push(identity_ordering(&font));
    }
    if names.is_empty() {
        // A ToUnicode that maps nothing: name the composite fonts of the page.
        names = all_names;
    }
    orderings.dedup();
    let ucs2 = match orderings.as_slice() {
        [Some(ordering)] => {
            let name = format!("Adobe-{ordering}-UCS2");
            load_embedded(CMapName::from_bytes(name.as_bytes()))
                .and_then(|data| CMap::parse(data, load_embedded))
        }
        _ => None,
    };
    UnmappedFonts {
        ucs2,
        names,
        type3_names,
    }
}

/// The Adobe collection (`Japan1`, …) of a Type0 font with an Identity encoding, where CID
/// = code; `None` for other encodings.
fn identity_ordering(font: &Dict<'_>) -> Option<String> {
    let identity = font
        .get::<Name<'_>>(ENCODING)
        .is_some_and(|n| matches!(n.as_str(), "Identity-H" | "Identity-V"));
    if !identity {
        return None;
    }
    font.get::<Array<'_>>(DESCENDANT_FONTS)
        .and_then(|a| a.iter::<Dict<'_>>().next())
        .and_then(|d| d.get::<Dict<'_>>(CIDSYSTEMINFO))
        .and_then(|info| info.get::<hayro_interpret::hayro_syntax::object::String<'_>>(ORDERING))
        .map(|o| String::from_utf8_lossy(o.as_bytes()).into_owned())
}

/// Codes of a Type 3 font's /Differences whose glyph names say their character.
fn read_type3_names(font: &Dict<'_>, out: &mut HashMap<u32, char>) {
    let Some(differences) = font
        .get::<Dict<'_>>(ENCODING)
        .and_then(|e| e.get::<Array<'_>>(DIFFERENCES))
    else {
        return;
    };
    let mut code = 0u32;
    for item in differences.iter::<Object<'_>>() {
        match item {
            Object::Number(n) => code = n.as_f64().max(0.0) as u32,
            Object::Name(name) => {
                if let Some(c) = glyph_name_char(name.as_str()) {
                    out.entry(code).or_insert(c);
                }
                code += 1;
            }
            _ => {}
        }
    }
}

/// The character a glyph name stands for, where the name says it: `c033` (a decimal code,
/// as poppler reads it), `uni00A5`, `u1F600`, or a single letter or digit.
fn glyph_name_char(name: &str) -> Option<char> {
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    if let Some(digits) = name.strip_prefix('c')
        && (2..=3).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        return digits.parse::<u32>().ok().and_then(char::from_u32);
    }
    if let Some(h) = name.strip_prefix("uni").filter(|h| h.len() == 4) {
        return hex(h);
    }
    if let Some(h) = name
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
    {
        return hex(h);
    }
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphanumeric() => Some(c),
        _ => None,
    }
}

fn split_subpaths(path: &BezPath) -> Vec<BezPath> {
    let mut out = Vec::new();
    let mut current = BezPath::new();
    for el in path.elements() {
        if matches!(el, PathEl::MoveTo(_)) && !current.elements().is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(*el);
    }
    if !current.elements().is_empty() {
        out.push(current);
    }
    out
}

/// The rectangle a sub-path outlines, when it is made of axis-aligned straight lines only.
fn as_axis_rect(sub: &BezPath) -> Option<Rect> {
    let mut points = Vec::new();
    for el in sub.elements() {
        match *el {
            PathEl::MoveTo(p) | PathEl::LineTo(p) => points.push(p),
            PathEl::ClosePath => {}
            _ => return None,
        }
    }
    if points.len() < 4 || points.len() > 5 {
        return None;
    }
    let axis_aligned = points
        .windows(2)
        .all(|w| (w[0].x - w[1].x).abs() < AXIS_EPS || (w[0].y - w[1].y).abs() < AXIS_EPS);
    axis_aligned.then(|| sub.bounding_box())
}

/// Fill-then-stroke text (Tr 2) arrives twice: keep one glyph per text and position
/// (positions to a tenth of a point).
fn dedup_glyphs(glyphs: &mut Vec<Glyph>) {
    let keys: Vec<(i64, i64)> = glyphs
        .iter()
        .map(|g| ((g.x * 10.0).round() as i64, (g.y * 10.0).round() as i64))
        .collect();
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        keys[a]
            .cmp(&keys[b])
            .then_with(|| glyphs[a].text.cmp(&glyphs[b].text))
            .then(a.cmp(&b))
    });
    let mut keep = vec![true; glyphs.len()];
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if keys[a] == keys[b] && glyphs[a].text == glyphs[b].text {
            keep[b] = false;
        }
    }
    let mut index = 0;
    glyphs.retain(|_| {
        index += 1;
        keep[index - 1]
    });
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        // Table rulings are straight lines; a path with curves is a drawing or glyph
        // outlines (cairo re-draws synthetic bold text as stroked outlines).
        if path
            .elements()
            .iter()
            .any(|el| matches!(el, PathEl::QuadTo(..) | PathEl::CurveTo(..)))
        {
            return;
        }
        let path = props.transform * path.clone();
        let rgb = match &props.paint {
            Paint::Color(color) => {
                let [r, g, b, _] = color.to_rgba().components();
                Some([r, g, b])
            }
            Paint::Pattern(_) => None,
        };
        match draw_mode {
            DrawMode::Stroke(stroke) => self.add_stroke(&path, !stroke.dash_array.is_empty()),
            DrawMode::Fill(_) => self.add_fill(&path, rgb),
            DrawMode::FillAndStroke(_, stroke) => {
                self.add_fill(&path, rgb);
                self.add_stroke(&path, !stroke.dash_array.is_empty());
            }
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, clip: &ClipPath) {
        let bounds = clip.path.bounding_box();
        let current = match self.clips.last() {
            Some(outer) => outer.intersect(bounds),
            None => bounds,
        };
        self.clips.push(current);
    }

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        if matches!(mode, DrawMode::Invisible) {
            return;
        }
        let start = self.glyphs.len();
        let mut turned = false;
        for positioned in run.glyphs() {
            if self.glyphs.len() >= self.limits.max_glyphs {
                break;
            }
            let code = positioned.char_code();
            let unicode = positioned.as_unicode().or_else(|| match &**positioned {
                // A CID-keyed glyph through its collection's map; a Type 3 glyph as its glyph
                // name says (`c033` → `!`). Both as poppler reads them.
                HayroGlyph::Outline(_) => self.ucs2.as_ref().and_then(|c| c.lookup_bf_string(code)),
                HayroGlyph::Type3(_) => self.type3_names.get(&code).map(|&c| BfString::Char(c)),
            });
            let Some(text) = unicode.map(|u| match u {
                BfString::Char(c) => c.to_string(),
                BfString::String(s) => s,
            }) else {
                self.undecoded.glyphs += 1;
                continue;
            };
            let advance = match &**positioned {
                HayroGlyph::Outline(g) => g.advance_width(),
                HayroGlyph::Type3(g) => g.advance_width(),
            };
            let transform = props.transform * positioned.transform();
            if let Some(glyph) = place_glyph(text, transform, advance) {
                turned |= is_turned(&transform);
                self.glyphs.push(glyph);
                self.transforms.push(transform);
            }
        }
        if turned {
            upright(&mut self.glyphs[start..], &self.transforms);
        }
        self.transforms.clear();
        if let Some(&clip) = self.clips.last() {
            let shown: Vec<Glyph> = self
                .glyphs
                .drain(start..)
                .filter(|g| visible(g, clip))
                .collect();
            self.glyphs.extend(shown);
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}

    fn pop_clip(&mut self) {
        self.clips.pop();
    }

    fn pop_transparency_group(&mut self) {}
}

/// Whether a glyph is visible through `clip`: text that a cell's clip hides (the overflow of
/// a wrapped cell) is not on the page for a reader.
fn visible(glyph: &Glyph, clip: Rect) -> bool {
    let (cx, cy) = glyph.center();
    cx >= clip.x0 - CLIP_TOLERANCE
        && cx <= clip.x1 + CLIP_TOLERANCE
        && cy >= clip.y0 - CLIP_TOLERANCE
        && cy <= clip.y1 + CLIP_TOLERANCE
}

/// The direction a glyph's baseline runs, in page space.
fn baseline(t: &Affine) -> hayro_interpret::kurbo::Vec2 {
    (*t * Point::new(1000.0, 0.0)) - (*t * Point::ZERO)
}

/// Whether a glyph is turned a quarter (its baseline runs up or down the page).
fn is_turned(t: &Affine) -> bool {
    let b = baseline(t);
    b.y.abs() > b.x.abs()
}

/// Make a run of turned glyphs (`transforms`: each glyph's) upright, in reading order. Text
/// rotated a quarter turn (Excel's vertical labels, turned through the text matrix)
/// becomes a stack of upright glyphs, one under the other, at the centres of the glyphs
/// drawn; a run that reads upwards is stacked from the top in its reading order, so that
/// top-to-bottom is reading order as for stacked and Identity-V labels.
fn upright(glyphs: &mut [Glyph], transforms: &[Affine]) {
    let mut centres: Vec<Point> = glyphs
        .iter()
        .zip(transforms)
        .map(|(g, t)| {
            let origin = *t * Point::ZERO;
            let along = baseline(t).normalize();
            let up = ((*t * Point::new(0.0, 1000.0)) - origin).normalize();
            origin + along * (g.width / 2.0) + up * ((ASCENT - DESCENT) / 2.0 * g.size)
        })
        .collect();
    if transforms.first().is_some_and(|t| baseline(t).y < 0.0) {
        // Reads upwards: the first glyph goes on top.
        centres.sort_by(|a, b| a.y.total_cmp(&b.y));
    }
    for (g, c) in glyphs.iter_mut().zip(centres) {
        g.x = c.x - g.size / 2.0;
        g.y = c.y + (ASCENT - DESCENT) / 2.0 * g.size;
        g.width = g.size;
    }
}

/// Position a glyph from its full transform (glyph units of 1/1000 em → page).
fn place_glyph(text: String, transform: Affine, advance: Option<f32>) -> Option<Glyph> {
    let origin = transform * Point::ZERO;
    let up = transform * Point::new(0.0, 1000.0);
    let size = (up - origin).hypot();
    if !size.is_finite()
        || size < TOLERANCES.min_glyph_size
        || !origin.x.is_finite()
        || !origin.y.is_finite()
    {
        return None;
    }
    let text = text.replace('\u{0}', "");
    if text.is_empty() {
        return None;
    }
    let width = advance
        .filter(|a| a.is_finite() && *a > 0.0)
        .map(|a| a as f64 / 1000.0 * size)
        .unwrap_or(size * 0.5);
    Some(Glyph {
        text,
        x: origin.x,
        y: origin.y,
        width,
        size,
    })
}

#[cfg(test)]
mod engine_patch_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64, side: f64) -> Rect {
        Rect::new(x, y, x + side, y + side)
    }

    #[test]
    fn a_row_of_dots_is_one_ruling() {
        let dots: Vec<Rect> = (0..40)
            .map(|i| square(10.0 + 1.5 * i as f64, 100.0, 0.7))
            .collect();
        let rulings = mark_rulings(&dots);
        assert_eq!(rulings.len(), 1);
        let r = rulings[0];
        assert_eq!((r.axis, r.patterned), (Axis::Horizontal, true));
        assert!((r.pos - 100.35).abs() < 1e-9 && r.start == 10.0 && (r.end - 69.2).abs() < 1e-9);
    }

    #[test]
    fn a_column_of_dashes_is_one_ruling_and_scattered_marks_are_none() {
        let dashes: Vec<Rect> = (0..10)
            .map(|i| Rect::new(50.0, 20.0 + 4.0 * i as f64, 50.6, 22.4 + 4.0 * i as f64))
            .collect();
        let rulings = mark_rulings(&dashes);
        assert_eq!(rulings.len(), 1);
        assert_eq!(rulings[0].axis, Axis::Vertical);
        // Two dots, or dots far apart, or off one line: no ruling.
        let scattered = [
            square(0.0, 0.0, 1.0),
            square(3.0, 0.0, 1.0),
            square(30.0, 0.0, 1.0),
        ];
        assert!(mark_rulings(&scattered).is_empty());
        let staggered = [
            square(0.0, 0.0, 1.0),
            square(2.0, 3.0, 1.0),
            square(4.0, 6.0, 1.0),
        ];
        assert!(mark_rulings(&staggered).is_empty());
    }

    /// Glyphs of one run along a baseline from `origin` in direction `(dx, dy)` (device
    /// space, y down), each 10 pt, with the glyph's up vector turned accordingly.
    fn run(texts: &[&str], origin: (f64, f64), dx: f64, dy: f64) -> Vec<(Glyph, Affine)> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let (x, y) = (
                    origin.0 + dx * 10.0 * i as f64,
                    origin.1 + dy * 10.0 * i as f64,
                );
                // Glyph space (1/1000 em, y up) → device: x along the baseline, y "up".
                let transform = Affine::new([dx * 0.01, dy * 0.01, dy * 0.01, -dx * 0.01, x, y]);
                let glyph = place_glyph(t.to_string(), transform, Some(1000.0)).unwrap();
                (glyph, transform)
            })
            .collect()
    }

    #[test]
    fn text_turned_a_quarter_becomes_a_stack_in_reading_order() {
        let upright = |run: Vec<(Glyph, Affine)>| {
            let (mut glyphs, transforms): (Vec<Glyph>, Vec<Affine>) = run.into_iter().unzip();
            if transforms.iter().any(is_turned) {
                super::upright(&mut glyphs, &transforms);
            }
            glyphs
        };
        let reading = |glyphs: Vec<Glyph>| {
            let mut sorted = glyphs;
            sorted.sort_by(|a, b| a.y.total_cmp(&b.y));
            sorted.iter().map(|g| g.text.as_str()).collect::<String>()
        };
        // Turned up (reads bottom to top), turned down (top to bottom), and upright.
        let up = upright(run(&["プ", "ロ", "ジ"], (100.0, 300.0), 0.0, -1.0));
        assert_eq!(reading(up.clone()), "プロジ");
        assert!(
            up.iter()
                .all(|g| (g.x - up[0].x).abs() < 1e-9 && g.width == 10.0)
        );
        let down = upright(run(&["プ", "ロ", "ジ"], (100.0, 100.0), 0.0, 1.0));
        assert_eq!(reading(down), "プロジ");
        let flat = upright(run(&["A", "B"], (10.0, 10.0), 1.0, 0.0));
        assert_eq!((flat[0].x, flat[1].x), (10.0, 20.0));
    }

    #[test]
    fn glyph_names_that_say_their_character() {
        assert_eq!(glyph_name_char("c033"), Some('!'));
        assert_eq!(glyph_name_char("uni30A2"), Some('ア'));
        assert_eq!(glyph_name_char("A"), Some('A'));
        assert_eq!(glyph_name_char("g12"), None);
    }
}
