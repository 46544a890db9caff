//! Decode raw bytes into text: BOM, strict UTF-8, else chardetng's guess (GBK/GB18030, Big5),
//! UTF-16 by BOM or NUL pattern. Keeps a map from decoded text back to raw byte offsets.
//!
//! Talks to encoding_rs and chardetng only; everything downstream sees `Decoded`.

use encoding_rs::{DecoderResult, Encoding, BIG5, GBK, UTF_16BE, UTF_16LE, UTF_8};
use std::fmt;

/// Why a file could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary {
        nul_bytes: usize,
    },
    /// A document format that is not text (Word, PDF, an archive): named, so the user knows
    /// what to convert it from.
    Format(&'static str),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "empty file: nothing to decode"),
            DecodeError::Binary { nul_bytes } => write!(
                f,
                "binary file: {nul_bytes} NUL bytes and no UTF-16 pattern; not text"
            ),
            DecodeError::Format(name) => write!(
                f,
                "{name}, not text: save or export it as plain text (UTF-8) first"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decoded text plus how we got it.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// encoding_rs name of the encoding used ("UTF-8", "GBK", "Big5", "UTF-16LE" …).
    pub encoding: &'static str,
    /// False when the encoding was guessed and the guess looks shaky (replacements, or few
    /// common CJK characters for a CJK legacy encoding).
    pub confident: bool,
    /// Number of malformed sequences replaced by U+FFFD.
    pub replaced: usize,
    /// Raw-byte offsets: `None` means decoded byte `i` is raw byte `i + bom_len` (UTF-8);
    /// otherwise `(decoded_byte, raw_byte)` pairs at every char start, sorted, plus a sentinel.
    offsets: Option<Vec<(u32, u32)>>,
    bom_len: usize,
    raw_len: usize,
}

impl Decoded {
    /// Input that was valid UTF-8 all along: the text is the input, byte for byte.
    fn utf8(text: String, raw_len: usize) -> Self {
        Decoded {
            text,
            encoding: UTF_8.name(),
            confident: true,
            replaced: 0,
            offsets: None,
            bom_len: 0,
            raw_len,
        }
    }

    /// Raw byte offset of decoded byte offset `pos` (a char boundary or the end).
    pub fn raw_offset(&self, pos: usize) -> usize {
        match &self.offsets {
            None => (pos + self.bom_len).min(self.raw_len),
            Some(map) => match map.binary_search_by_key(&(pos as u32), |&(d, _)| d) {
                Ok(i) => map[i].1 as usize,
                Err(i) => map.get(i).map(|&(_, r)| r as usize).unwrap_or(self.raw_len),
            },
        }
    }
}

/// `decode` for bytes the caller hands over: valid UTF-8 without a BOM (most input) becomes
/// the text itself, where `decode` would copy it. The bytes come back when they were only
/// read from, for whatever else needs the raw input.
pub fn decode_owned(bytes: Vec<u8>) -> (Result<Decoded, DecodeError>, Option<Vec<u8>>) {
    let new_text = match read(&bytes) {
        Ok(Read::AsIs(_)) => None,
        Ok(Read::Decoded(d)) => Some(Ok(d)),
        Err(e) => Some(Err(e)),
    };
    if let Some(decoded) = new_text {
        return (decoded, Some(bytes));
    }
    let raw_len = bytes.len();
    // SAFETY: `read` has just checked that `bytes` is valid UTF-8; std's own check would
    // decode every char of the input again.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    (Ok(Decoded::utf8(text, raw_len)), None)
}

/// What decoding makes of the input: the input itself, where it is UTF-8 as it is, or a text
/// of its own.
enum Read<'a> {
    AsIs(&'a str),
    Decoded(Decoded),
}

/// Decode `bytes`. Malformed sequences are replaced and counted, never fatal.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    Ok(match read(bytes)? {
        Read::AsIs(text) => Decoded::utf8(text.to_owned(), bytes.len()),
        Read::Decoded(d) => d,
    })
}

/// The document formats users hand tifa by mistake, by their magic bytes: office staff have
/// Word and PDF files, researchers gzipped corpora.
fn document_format(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(1 << 16)];
    Some(match bytes {
        [b'%', b'P', b'D', b'F', b'-', ..] => "a PDF file",
        [b'P', b'K', 3, 4, ..] if memchr::memmem::find(head, b"word/").is_some() => {
            "a Word document (.docx)"
        }
        [b'P', b'K', 3, 4, ..] => "a ZIP archive",
        [0x1f, 0x8b, ..] => "a gzip-compressed file",
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => {
            "an old Office document (.doc, .xls)"
        }
        _ => return None,
    })
}

fn read(bytes: &[u8]) -> Result<Read<'_>, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(Read::Decoded(decode_with(enc, bytes, bom_len, true)));
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return Ok(Read::Decoded(decode_with(enc, bytes, 0, false)));
    }
    if let Some(name) = document_format(bytes) {
        return Err(DecodeError::Format(name));
    }
    if memchr::memchr(0, bytes).is_some() {
        let nul_bytes = memchr::memchr_iter(0, bytes).count();
        return Err(DecodeError::Binary { nul_bytes });
    }
    // Most input is valid UTF-8, checked here at SIMD speed (std's check decodes every char).
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Read::AsIs(text));
    }
    // UTF-8 with a few broken sequences (a truncated download, one bad byte) is still UTF-8.
    if mostly_utf8(bytes) {
        return Ok(Read::Decoded(decode_with(UTF_8, bytes, 0, false)));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    // chardetng drops a CJK encoding at its first invalid byte and falls back to a single-byte
    // one, which turns GBK with one broken byte into mojibake. Prefer a CJK encoding that reads
    // the bytes with at most a few errors and yields mostly common Chinese text. (A short
    // text guessed as Japanese or Korean is left so: 中華民國 in Big5 reads as EUC-JP い仇チ郁,
    // but こんにちは in EUC-JP reads as Big5 仇氏卞切反; a few bytes cannot tell them apart.)
    if !is_cjk_encoding(guess) {
        if let Some(better) = [GBK, BIG5].into_iter().find(|&e| nearly_clean(e, bytes)) {
            guess = better;
        }
    }
    Ok(Read::Decoded(decode_with(guess, bytes, 0, false)))
}

fn is_cjk_encoding(e: &'static Encoding) -> bool {
    e == GBK
        || e == BIG5
        || e.name() == "gb18030"
        || e.name() == "EUC-JP"
        || e.name() == "Shift_JIS"
        || e.name() == "EUC-KR"
}

fn nearly_clean(e: &'static Encoding, bytes: &[u8]) -> bool {
    let (text, _) = e.decode_without_bom_handling(bytes);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    if non_ascii < SHORT {
        // Too little text for chardetng's statistics (讲话 in GBK came out as ISO-8859-5
        // НВЛА): a short text is taken as Chinese when it decodes without a single error into
        // Chinese chars only.
        return non_ascii > 0 && bad == 0 && all_chinese(&text);
    }
    bad <= 1 + non_ascii / 50 && looks_native(e, &text.replace('\u{FFFD}', ""))
}

/// Below this many non-ASCII chars a text is judged without chardetng's statistics.
const SHORT: usize = 10;

/// Every non-ASCII char is an ideograph or CJK punctuation.
fn all_chinese(text: &str) -> bool {
    text.chars()
        .filter(|c| !c.is_ascii())
        .all(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}'))
}

fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut bad, mut multibyte) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    multibyte >= 20 && bad * 100 <= multibyte
}

/// UTF-16 without a BOM shows as NULs in every other byte of ASCII-heavy text. Chinese text has
/// NULs only in its newlines, digits and Latin letters (and in 一, U+4E00), too few to tell the
/// byte order: there the byte order under which it reads as Chinese text decides.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let units = head.len() / 2;
    if odd * 10 > units * 3 && even * 20 < units {
        return Some(UTF_16LE);
    } else if even * 10 > units * 3 && odd * 20 < units {
        return Some(UTF_16BE);
    }
    if even + odd == 0 {
        return None;
    }
    [UTF_16LE, UTF_16BE].into_iter().find(|enc| {
        let (text, _) = enc.decode_without_bom_handling(head);
        let plain = text
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
        plain && mostly_chinese(&text, 10)
    })
}

fn decode_with(enc: &'static Encoding, bytes: &[u8], bom_len: usize, by_bom: bool) -> Decoded {
    let body = &bytes[bom_len..];
    if enc == UTF_8 {
        let (text, replaced) = decode_utf8_lossy(body);
        let offsets = (replaced > 0).then(|| utf8_lossy_offsets(body, &text, bom_len));
        return Decoded {
            confident: replaced == 0,
            text,
            encoding: UTF_8.name(),
            replaced,
            offsets,
            bom_len,
            raw_len: bytes.len(),
        };
    }
    let (text, offsets, replaced) = decode_tracking(enc, body, bom_len);
    let confident = (by_bom || looks_native(enc, &text)) && replaced == 0;
    Decoded {
        text,
        encoding: enc.name(),
        confident,
        replaced,
        offsets: Some(offsets),
        bom_len,
        raw_len: bytes.len(),
    }
}

fn decode_utf8_lossy(body: &[u8]) -> (String, usize) {
    let mut replaced = 0;
    let mut out = String::with_capacity(body.len());
    for chunk in body.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push('\u{FFFD}');
            replaced += 1;
        }
    }
    (out, replaced)
}

fn utf8_lossy_offsets(body: &[u8], _text: &str, bom_len: usize) -> Vec<(u32, u32)> {
    let mut map = Vec::new();
    let (mut d, mut r) = (0usize, bom_len);
    for chunk in body.utf8_chunks() {
        for (i, c) in chunk.valid().char_indices() {
            map.push(((d + i) as u32, (r + i) as u32));
            let _ = c;
        }
        d += chunk.valid().len();
        r += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            map.push((d as u32, r as u32));
            d += '\u{FFFD}'.len_utf8();
            r += chunk.invalid().len();
        }
    }
    map.push((d as u32, r as u32));
    map
}

/// Decode feeding one byte at a time so every output char learns which raw bytes made it.
/// Legacy encodings are rare in practice; exact offsets matter more than speed here.
fn decode_tracking(
    enc: &'static Encoding,
    body: &[u8],
    base: usize,
) -> (String, Vec<(u32, u32)>, usize) {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len() * 3 / 2);
    let mut map = Vec::with_capacity(body.len());
    let mut replaced = 0;
    let mut pending = 0usize;
    for i in 0..=body.len() {
        let last = i == body.len();
        let mut src: &[u8] = if last { &[] } else { &body[i..i + 1] };
        let before = text.len();
        loop {
            if text.capacity() - text.len() < 16 {
                text.reserve(64);
            }
            let (res, read) = decoder.decode_to_string_without_replacement(src, &mut text, last);
            src = &src[read..];
            match res {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => text.reserve(64),
                DecoderResult::Malformed(_, _) => {
                    text.push('\u{FFFD}');
                    replaced += 1;
                }
            }
        }
        if text.len() > before {
            for (j, _) in text[before..].char_indices() {
                map.push(((before + j) as u32, (base + pending) as u32));
            }
            pending = i + 1;
        }
    }
    map.push((text.len() as u32, (base + body.len()) as u32));
    (text, map, replaced)
}

/// A GBK/Big5 guess is plausible when the non-ASCII text is mostly CJK ideographs and CJK
/// punctuation; mojibake from a wrong guess scatters into rare blocks.
fn looks_native(enc: &'static Encoding, text: &str) -> bool {
    if enc != GBK && enc != BIG5 && enc.name() != "gb18030" {
        return enc == UTF_16LE || enc == UTF_16BE;
    }
    mostly_chinese(text, 1)
}

/// At least `min` Chinese chars (ideographs, CJK and full-width punctuation), and at most one
/// other non-ASCII char for every 20 of them.
fn mostly_chinese(text: &str, min: usize) -> bool {
    let (mut cjk, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2000}'..='\u{206F}')
        {
            cjk += 1;
        } else {
            other += 1;
        }
    }
    cjk >= min.max(1) && other * 20 <= cjk
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "同志们：今天我们召开督导组工作会议，讲五个问题。一、提高思想认识。";

    fn roundtrip(enc: &'static Encoding, s: &str) -> Decoded {
        let (bytes, _, bad) = enc.encode(s);
        assert!(!bad);
        let d = decode(&bytes).expect("decodes");
        assert_eq!(d.text, s);
        // Every char start maps to the raw bytes that encode exactly that char.
        for (i, c) in d.text.char_indices() {
            let (a, b) = (d.raw_offset(i), d.raw_offset(i + c.len_utf8()));
            let (back, _) = enc.decode_without_bom_handling(&bytes[a..b]);
            assert_eq!(back, c.to_string());
        }
        d
    }

    /// The bug: 讲话 in GBK, four bytes, was guessed as ISO-8859-5 and read НВЛА.
    #[test]
    fn a_short_gbk_text_is_read_as_chinese() {
        for s in ["讲话", "同志们：", "一、提高认识"] {
            let (bytes, _, _) = GBK.encode(s);
            let d = decode(&bytes).expect("decodes");
            assert_eq!((d.text.as_str(), d.encoding), (s, "GBK"));
        }
        // Short Latin-1 text stays what chardetng says: its high bytes make no clean GBK.
        let d = decode(b"caf\xe9 na\xefve").expect("decodes");
        assert_eq!(d.text, "café naïve");
    }

    #[test]
    fn decoding_owned_bytes_gives_what_decoding_borrowed_ones_does() {
        let (gbk, _, _) = GBK.encode(SAMPLE);
        let utf16: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let inputs: Vec<(Vec<u8>, bool)> = vec![
            (SAMPLE.as_bytes().to_vec(), true),
            ([&b"\xEF\xBB\xBF"[..], SAMPLE.as_bytes()].concat(), false),
            (gbk.into_owned(), false),
            (utf16, false),
            (
                [SAMPLE.as_bytes(), b"\xFF", SAMPLE.as_bytes()].concat(),
                false,
            ),
            (b"text\0\0\x01binary".to_vec(), false),
            (Vec::new(), false),
        ];
        for (bytes, taken) in inputs {
            let want = decode(&bytes);
            let (got, back) = decode_owned(bytes.clone());
            assert_eq!(back.is_none(), taken, "{bytes:?}");
            assert_eq!(back.as_deref().unwrap_or(&bytes), &bytes[..]);
            match (got, want) {
                (Ok(g), Ok(w)) => {
                    assert_eq!(
                        (&g.text, g.encoding, g.confident, g.replaced),
                        (&w.text, w.encoding, w.confident, w.replaced)
                    );
                    for i in (0..=g.text.len()).filter(|&i| g.text.is_char_boundary(i)) {
                        assert_eq!(g.raw_offset(i), w.raw_offset(i));
                    }
                }
                (g, w) => assert_eq!(g.err(), w.err()),
            }
        }
    }

    #[test]
    fn utf8_is_confident_and_identity() {
        let d = roundtrip(UTF_8, SAMPLE);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.confident);
    }

    #[test]
    fn gbk_is_detected_not_gb18030_fallback() {
        let d = roundtrip(GBK, SAMPLE);
        assert_eq!(d.encoding, "GBK");
        assert!(d.confident);
    }

    #[test]
    fn big5_is_detected_and_not_decoded_as_gb() {
        let d = roundtrip(
            BIG5,
            "同志們：今天我們召開督導組工作會議，講五個問題。一、提高思想認識，切實增強責任感。",
        );
        assert_eq!(d.encoding, "Big5");
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in SAMPLE.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes).expect("bom");
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-16LE"));
        assert_eq!(d.raw_offset(0), 2);
        let plain: Vec<u8> = "Hello, 世界 hello world"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&plain).expect("sniffed").encoding, "UTF-16LE");
    }

    #[test]
    fn chinese_utf16_without_bom_is_text_not_binary() {
        // Its only NULs are those of the newlines and digits: far fewer than in ASCII text.
        let text = format!("{SAMPLE}\n25名同志参加。\n").repeat(40);
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let d = decode(&bytes).expect("decodes");
            assert_eq!((d.text.as_str(), d.encoding), (text.as_str(), name));
            assert!(d.confident);
        }
        // NULs all on one side of the units, but the rest is no Chinese: still binary.
        let noise: Vec<u8> = (0u32..2000)
            .flat_map(|i| {
                [
                    (i * 37 % 251) as u8 | 1,
                    if i % 7 == 0 {
                        0
                    } else {
                        (i * 91 % 253) as u8 | 1
                    },
                ]
            })
            .collect();
        assert!(matches!(decode(&noise), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            decode(&[0x7f, 0x45, 0x4c, 0x46, 0, 1, 0, 0, 9, 0, 0, 0, 0]),
            Err(DecodeError::Binary { nul_bytes: 7 })
        ));
    }

    #[test]
    fn malformed_bytes_are_replaced_and_counted() {
        let mut bytes = GBK.encode(SAMPLE).0.into_owned();
        bytes.insert(6, 0xFF);
        let d = decode(&bytes).expect("decodes");
        assert!(d.replaced >= 1);
        assert!(!d.confident);
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn invalid_utf8_bytes_in_mostly_utf8_text_keep_offsets() {
        let mut bytes = "一二三".repeat(200).into_bytes();
        bytes.insert(3, 0x80);
        let d = decode(&bytes).expect("decodes");
        let idx = d.text.find('二').expect("has 二");
        assert_eq!(
            &bytes[d.raw_offset(idx)..d.raw_offset(idx + 3)],
            "二".as_bytes()
        );
    }

    #[test]
    fn word_pdf_and_archives_are_named_not_called_binary() {
        let docx = [
            &b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml"[..],
            b"\x00\x00word/document.xml",
        ]
        .concat();
        let cases: [(&[u8], &str); 4] = [
            (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file"),
            (&docx, "a Word document (.docx)"),
            (b"PK\x03\x04\x14\x00\x00\x00data.txt", "a ZIP archive"),
            (
                b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
                "a gzip-compressed file",
            ),
        ];
        for (bytes, name) in cases {
            let err = decode(bytes).expect_err("not text");
            assert_eq!(
                err.to_string(),
                format!("{name}, not text: save or export it as plain text (UTF-8) first")
            );
        }
    }
}
