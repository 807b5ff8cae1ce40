// A WordPiece vocab.txt: Vocabulary::parse on the bytes, then a sentence tokenized with the
// vocabulary (what a text model does with it).

#include "fuzzinput.h"
#include "text/wordpiecetokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return aip::fuzz::expectProjectErrors([&] {
        const aip::WordPieceTokenizer tokenizer(
            aip::Vocabulary::parse(aip::fuzz::bytesOf(data, size), QStringLiteral("vocab.txt")));
        tokenizer.encode(QStringLiteral("It's a charming, often affecting journey; unflinchingly "
                                        "bleak [SEP] ##ing Über-naïve 東京 🙂"),
                         32);
    });
}
