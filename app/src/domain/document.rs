//! Uploaded documents: which kinds are accepted, decided by their content and never by
//! their name, and how large they may be.

/// The largest document accepted by default, in bytes (25 MB); `PORTAL_UPLOAD_MAX_MB`
/// changes it.
pub const MAX_BYTES: u64 = 25 * 1024 * 1024;

/// A kind of document the portal accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
    /// Word (Office Open XML).
    Docx,
    /// Excel (Office Open XML).
    Xlsx,
    /// LibreOffice Writer (OpenDocument).
    Odt,
    /// LibreOffice Calc (OpenDocument).
    Ods,
}

impl FileKind {
    pub const ALL: [FileKind; 7] = [
        FileKind::Pdf,
        FileKind::Png,
        FileKind::Jpeg,
        FileKind::Docx,
        FileKind::Xlsx,
        FileKind::Odt,
        FileKind::Ods,
    ];

    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Odt => "application/vnd.oasis.opendocument.text",
            FileKind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
            FileKind::Docx => "docx",
            FileKind::Xlsx => "xlsx",
            FileKind::Odt => "odt",
            FileKind::Ods => "ods",
        }
    }

    /// The kind's short name for people: "PDF", "Word".
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Png => "PNG-bild",
            FileKind::Jpeg => "JPEG-bild",
            FileKind::Docx => "Word",
            FileKind::Xlsx => "Excel",
            FileKind::Odt => "OpenDocument-text",
            FileKind::Ods => "OpenDocument-kalkyl",
        }
    }

    pub fn from_content_type(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.content_type() == value)
    }
}

/// The message for a document of the wrong kind.
pub const WRONG_KIND: &str =
    "Filen är inte en PDF, JPEG eller PNG, och inte heller ett dokument från Word, Excel eller LibreOffice (DOCX, XLSX, ODT, ODS). Spara dokumentet som PDF, eller fotografera det, och försök igen.";
/// The message for a document that is too large.
pub fn too_large(max_bytes: u64) -> String {
    format!(
        "Filen är större än {} MB. Minska filen (till exempel genom att skanna med lägre upplösning) och försök igen.",
        max_bytes / 1024 / 1024
    )
}
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

/// A file's size as people read it: "340 kB", "1,2 MB".
pub fn format_size(bytes: i64) -> String {
    let bytes = bytes.max(0) as f64;
    if bytes < 1024.0 * 1024.0 {
        format!("{} kB", (bytes / 1024.0).ceil() as i64)
    } else {
        format!("{:.1} MB", bytes / 1024.0 / 1024.0).replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_swedish() {
        assert_eq!(format_size(1), "1 kB");
        assert_eq!(format_size(340 * 1024), "340 kB");
        assert_eq!(format_size(1_258_291), "1,2 MB");
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
