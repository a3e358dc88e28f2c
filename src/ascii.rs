//! ASCII letters and digits found eight bytes at a time: the tokenizer and the
//! status-phrase search read every byte of every article, and a test per byte (a compare
//! and a branch that the processor mispredicts at each word's end) was their hottest loop.
//!
//! Eight bytes are read as one little-endian number; byte `k` of the text is bits
//! `8k..8k+8`, and the masks below mark a byte by its top bit, bit `8k + 7`.

/// `b` in each of the eight bytes.
pub const fn every_byte(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The top bit of each byte.
pub const TOP_BITS: u64 = every_byte(0x80);

/// The ASCII letters, and the ASCII letters and digits, among eight bytes (a byte of
/// 0x80 or more is neither), as masks of top bits.
///
/// On the low seven bits of a byte, adding `0x80 - lo` sets the top bit exactly when the
/// byte is `lo` or more, and never carries into the next byte (seven bits plus at most
/// 0x50 stay below 0x100): "at least `lo` and not at least `hi + 1`" is a range test for
/// all eight bytes at once (the `HasBetweenInWord` trick of Bit Twiddling Hacks,
/// <https://graphics.stanford.edu/~seander/bithacks.html>). Setting each byte's 0x20 bit
/// turns `A`..=`Z` into `a`..=`z`, and no other byte into a lower-case letter.
#[inline]
pub fn letters_and_digits(word: u64) -> (u64, u64) {
    let low = word & !TOP_BITS;
    let at_least = |x: u64, lo: u8| x + every_byte(0x80 - lo);
    let folded = low | every_byte(0x20);
    let letters = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digits = at_least(low, b'0') & !at_least(low, b'9' + 1);
    let ascii = !word & TOP_BITS;
    (letters & ascii, (letters | digits) & ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_value_at_every_place_is_classed_like_std() {
        for at in 0..8 {
            for b in 0..=255u8 {
                let mut bytes = *b"aZ09 ,.-";
                bytes[at] = b;
                let (letters, alnum) = letters_and_digits(u64::from_le_bytes(bytes));
                for (k, &byte) in bytes.iter().enumerate() {
                    let bit = 1u64 << (8 * k + 7);
                    assert_eq!(
                        letters & bit != 0,
                        byte.is_ascii_alphabetic(),
                        "{b:#x} at {at}"
                    );
                    assert_eq!(
                        alnum & bit != 0,
                        byte.is_ascii_alphanumeric(),
                        "{b:#x} at {at}"
                    );
                }
                // Nothing but top bits.
                assert_eq!((letters | alnum) & !TOP_BITS, 0);
            }
        }
    }
}
