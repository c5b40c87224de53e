//! Uploaded documents: which kinds are accepted, decided by their content and never by
//! their name, and how large they may be.

/// The largest document accepted, in bytes (10 MB).
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;

/// How many leading bytes [`sniff`] needs.
pub const SNIFF_BYTES: usize = 8;

/// A kind of document the portal accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
}

impl FileKind {
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
        }
    }

    pub fn from_content_type(value: &str) -> Option<Self> {
        [FileKind::Pdf, FileKind::Png, FileKind::Jpeg]
            .into_iter()
            .find(|kind| kind.content_type() == value)
    }
}

/// The kind of document that starts with `head` (its first [`SNIFF_BYTES`] bytes or
/// fewer), or `None` if it is not one the portal accepts.
pub fn sniff(head: &[u8]) -> Option<FileKind> {
    if head.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else {
        None
    }
}

/// The message for a document of the wrong kind.
pub const WRONG_KIND: &str =
    "Filen är inte en PDF, JPEG eller PNG. Spara dokumentet som PDF, eller fotografera det, och försök igen.";
/// The message for a document that is too large.
pub const TOO_LARGE: &str = "Filen är större än 10 MB. Minska filen (till exempel genom att skanna med lägre upplösning) och försök igen.";
/// The message when no file was chosen.
pub const MISSING: &str = "Välj filen med protokollet eller dokumentet.";

/// The file's name as shown and offered on download: the last path segment, without
/// control characters or quotes, at most 120 characters, with the extension of its real
/// kind.
pub fn clean_file_name(name: &str, kind: FileKind) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = base.rsplit_once('.').map(|(stem, _)| stem).unwrap_or(base);
    let cleaned: String = stem
        .chars()
        .filter(|c| !super::text::is_hidden(*c) && !matches!(c, '"' | '\'' | ';' | '<' | '>'))
        .take(120)
        .collect();
    let cleaned = cleaned.trim();
    let stem = if cleaned.is_empty() {
        "dokument"
    } else {
        cleaned
    };
    format!("{stem}.{}", kind.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_comes_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n"), Some(FileKind::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileKind::Jpeg));
        assert_eq!(sniff(b"MZ\x90\x00"), None, "a Windows program");
        assert_eq!(sniff(b"<html>"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn a_file_name_is_cleaned_and_gets_the_extension_of_its_real_kind() {
        assert_eq!(
            clean_file_name("C:\\Users\\anna\\Protokoll 2026.pdf", FileKind::Pdf),
            "Protokoll 2026.pdf"
        );
        assert_eq!(
            clean_file_name("evil\".exe", FileKind::Png),
            "evil.png",
            "the name never decides the kind"
        );
        assert_eq!(clean_file_name("", FileKind::Jpeg), "dokument.jpg");
        assert_eq!(
            clean_file_name("../../etc/passwd", FileKind::Pdf),
            "passwd.pdf"
        );
    }
}
