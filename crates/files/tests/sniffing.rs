//! Whatever bytes arrive, reading their type never panics and a refused file is refused with
//! one of the store's codes (the content is the uploader's, so it may be crafted: truncated
//! ZIP archives, headers that promise more than follows).

use proptest::prelude::*;
use sikerja_files::{FilePolicy, MediaType, Sniffed, sniff};

/// Prefixes that send the bytes down each reader: ZIP (Office documents), PDF, PNG, JPEG, ELF,
/// OLE, UTF-8 BOM, nothing.
const PREFIXES: [&[u8]; 8] = [
    b"PK\x03\x04",
    b"%PDF-",
    b"\x89PNG\r\n\x1a\n",
    b"\xFF\xD8\xFF",
    b"\x7fELF",
    b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
    b"\xEF\xBB\xBF",
    b"",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_get_a_type_or_a_coded_refusal_without_panicking(
        prefix in 0usize..PREFIXES.len(),
        tail in proptest::collection::vec(any::<u8>(), 0..2048),
        declared in prop_oneof![
            Just(""),
            Just("application/pdf"),
            Just("text/plain"),
            Just("application/octet-stream"),
            Just("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ],
    ) {
        let mut bytes = PREFIXES[prefix].to_vec();
        bytes.extend(tail);
        let sniffed = sniff(&bytes);
        match FilePolicy::default().check(&bytes, "berkas.bin", declared) {
            Ok(media) => {
                prop_assert_eq!(sniffed, Sniffed::Known(media));
                prop_assert!(MediaType::ALL.contains(&media));
            }
            Err(e) => prop_assert!(
                [
                    "file_empty",
                    "file_type_not_allowed",
                    "file_type_mismatch",
                ]
                .contains(&e.code()),
                "{}",
                e.code()
            ),
        }
    }
}
