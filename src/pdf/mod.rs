//! Stage 1 — **pdf**: takes the bytes of a PDF file and gives, per page, the positioned
//! glyphs and the ruling segments (stroked lines and thin filled rectangles).
//!
//! Coordinates are in PDF points, top-down (y grows downwards), relative to the page's
//! crop box, with page rotation applied: what a reader sees on screen.
//!
//! The engine is `hayro-interpret` (see README, "Choice of PDF engine"). This module is the
//! only one that knows about it.

use hayro_interpret::font::Glyph as HayroGlyph;
use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, TransformExt, font::GlyphRun, interpret_page,
};

use crate::error::ExtractError;

pub mod budget;

pub use budget::StreamBudget;

/// Height of a glyph box above the baseline, in em (an approximation: fonts' own ascents are
/// not read).
pub const ASCENT: f64 = 0.88;
/// Depth of a glyph box below the baseline, in em.
pub const DESCENT: f64 = 0.12;

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
}

/// What one page holds for the extractor.
#[derive(Debug, Clone, Default)]
pub struct PageContent {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
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

/// Fonts and objects parsed while interpreting one page, reused for the next ones (Excel and
/// LibreOffice share font programs between pages; parsing them is most of the work).
pub struct PageCache<'a>(InterpreterCache<'a>);

/// A parsed PDF document, ready to give pages.
pub struct Document {
    pdf: Pdf,
}

impl Document {
    /// Parse a PDF from its bytes (decrypting with the empty password where needed).
    pub fn open(bytes: Vec<u8>) -> Result<Document, ExtractError> {
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
        pages.get(index).is_none_or(|page| budget.charge_page(page))
    }

    /// A cache of parsed fonts and objects to share between the pages of this document.
    pub fn cache(&self) -> PageCache<'_> {
        PageCache(InterpreterCache::new())
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
        let settings = InterpreterSettings::default();
        let transform = page.initial_transform(true).to_kurbo();
        let bbox = Rect::new(0.0, 0.0, width as f64, height as f64);
        let mut context = Context::new(transform, bbox, &cache.0, self.pdf.xref(), settings);
        let mut collector = Collector::new(limits);
        interpret_page(page, &mut context, &mut collector);
        let mut content = collector.finish();
        content.width = width as f64;
        content.height = height as f64;
        content
    }
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
const MAX_RULE_THICKNESS: f64 = 2.5;
/// Tolerance for a path segment to count as axis-aligned.
const AXIS_EPS: f64 = 0.3;

/// The hayro `Device` that records glyphs and ruling segments.
struct Collector {
    limits: PageLimits,
    glyphs: Vec<Glyph>,
    segments: Vec<Segment>,
}

impl Collector {
    fn new(limits: PageLimits) -> Self {
        Collector {
            limits,
            glyphs: Vec::new(),
            segments: Vec::new(),
        }
    }

    fn finish(mut self) -> PageContent {
        dedup_glyphs(&mut self.glyphs);
        PageContent {
            glyphs: self.glyphs,
            segments: self.segments,
            ..PageContent::default()
        }
    }

    fn push_segment(&mut self, seg: Segment) {
        if self.segments.len() < self.limits.max_segments && seg.end - seg.start > 0.5 {
            self.segments.push(seg);
        }
    }

    fn add_stroke(&mut self, path: &BezPath) {
        let mut last = Point::ZERO;
        let mut start = Point::ZERO;
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    last = p;
                    start = p;
                }
                PathEl::LineTo(p) => {
                    self.add_line(last, p);
                    last = p;
                }
                PathEl::ClosePath => {
                    self.add_line(last, start);
                    last = start;
                }
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => last = p,
            }
        }
    }

    fn add_line(&mut self, a: Point, b: Point) {
        if (a.y - b.y).abs() < AXIS_EPS {
            self.push_segment(Segment {
                axis: Axis::Horizontal,
                pos: (a.y + b.y) / 2.0,
                start: a.x.min(b.x),
                end: a.x.max(b.x),
            });
        } else if (a.x - b.x).abs() < AXIS_EPS {
            self.push_segment(Segment {
                axis: Axis::Vertical,
                pos: (a.x + b.x) / 2.0,
                start: a.y.min(b.y),
                end: a.y.max(b.y),
            });
        }
    }

    /// A filled path: each axis-aligned rectangular sub-path that is thin is a ruling.
    fn add_fill(&mut self, path: &BezPath) {
        for sub in split_subpaths(path) {
            let Some(rect) = as_axis_rect(&sub) else {
                continue;
            };
            if rect.height() <= MAX_RULE_THICKNESS && rect.width() > rect.height() {
                self.push_segment(Segment {
                    axis: Axis::Horizontal,
                    pos: (rect.y0 + rect.y1) / 2.0,
                    start: rect.x0,
                    end: rect.x1,
                });
            } else if rect.width() <= MAX_RULE_THICKNESS && rect.height() > rect.width() {
                self.push_segment(Segment {
                    axis: Axis::Vertical,
                    pos: (rect.x0 + rect.x1) / 2.0,
                    start: rect.y0,
                    end: rect.y1,
                });
            }
        }
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

/// Fill-then-stroke text (Tr 2) arrives twice: keep one glyph per text and position.
fn dedup_glyphs(glyphs: &mut Vec<Glyph>) {
    let mut seen = std::collections::HashSet::new();
    glyphs.retain(|g| {
        let key = (
            g.text.clone(),
            (g.x * 10.0).round() as i64,
            (g.y * 10.0).round() as i64,
        );
        seen.insert(key)
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
        match draw_mode {
            DrawMode::Stroke(_) => self.add_stroke(&path),
            DrawMode::Fill(_) => self.add_fill(&path),
            DrawMode::FillAndStroke(..) => {
                self.add_fill(&path);
                self.add_stroke(&path);
            }
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        if matches!(mode, DrawMode::Invisible) {
            return;
        }
        for positioned in run.glyphs() {
            if self.glyphs.len() >= self.limits.max_glyphs {
                return;
            }
            let Some(text) = positioned.as_unicode().map(|u| match u {
                hayro_interpret::hayro_cmap::BfString::Char(c) => c.to_string(),
                hayro_interpret::hayro_cmap::BfString::String(s) => s,
            }) else {
                continue;
            };
            let advance = match &**positioned {
                HayroGlyph::Outline(g) => g.advance_width(),
                HayroGlyph::Type3(g) => g.advance_width(),
            };
            if let Some(glyph) =
                place_glyph(text, props.transform * positioned.transform(), advance)
            {
                self.glyphs.push(glyph);
            }
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

/// Position a glyph from its full transform (glyph units of 1/1000 em → page).
fn place_glyph(text: String, transform: Affine, advance: Option<f32>) -> Option<Glyph> {
    let origin = transform * Point::ZERO;
    let up = transform * Point::new(0.0, 1000.0);
    let size = (up - origin).hypot();
    if !size.is_finite() || size < 0.1 || !origin.x.is_finite() || !origin.y.is_finite() {
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
