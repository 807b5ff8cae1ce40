#include "common/error.h"
#include "text/basictokenizer.h"
#include "text/vocabulary.h"
#include "text/vocabularybuilder.h"
#include "text/wordpiecetokenizer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHashSeed>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace aip;

namespace {

// The vocabulary of BERT's own WordPiece unit test, plus pieces for the length and
// code point cases.
QStringList smallVocabularyTokens() {
    return {QStringLiteral("[PAD]"), QStringLiteral("[UNK]"),      QStringLiteral("[CLS]"),
            QStringLiteral("[SEP]"), QStringLiteral("want"),       QStringLiteral("##want"),
            QStringLiteral("##ed"),  QStringLiteral("wa"),         QStringLiteral("un"),
            QStringLiteral("runn"),  QStringLiteral("##ing"),      QStringLiteral(","),
            QStringLiteral("low"),   QStringLiteral("lowest"),     QStringLiteral("a"),
            QStringLiteral("##a"),   QStringLiteral("\U0001F600"), QStringLiteral("##\U0001F600")};
}

WordPieceTokenizer smallTokenizer() {
    return WordPieceTokenizer(Vocabulary(smallVocabularyTokens(), QStringLiteral("test vocab")));
}

QStringList repeatedPieces(const QString& first, const QString& next, int count) {
    QStringList pieces{first};
    for (int i = 1; i < count; ++i) {
        pieces.append(next);
    }
    return pieces;
}

std::vector<std::int64_t> idsOf(const Vocabulary& vocab, const QStringList& tokens) {
    std::vector<std::int64_t> ids;
    for (const QString& token : tokens) {
        ids.push_back(vocab.id(token));
    }
    return ids;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

// SST-2 TSV: a header line, then "sentence<TAB>label".
QStringList readSst2Sentences(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return {};
    }
    QStringList sentences;
    file.readLine();
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine());
        const qsizetype tab = line.indexOf(u'\t');
        if (tab > 0) {
            sentences.append(line.left(tab));
        }
    }
    return sentences;
}

QStringList smallCorpus() {
    return {
        QStringLiteral("The movie was great, and the acting was great too!"),
        QStringLiteral("A terrible movie: the plot was terrible and the acting worse."),
        QStringLiteral("Na\u00EFve caf\u00E9 scenes \u2014 charming, if overlong."),
        QStringLiteral("It's a movie about \u535A\u7269\u9986 and \U0001F600 smiles."),
        QStringLiteral("Supercalifragilisticexpialidocious nonsense, but the movie works."),
        QStringLiteral("The acting, the plot, the movie: all great."),
        QStringLiteral("Worse than terrible; the movie drags ($10 wasted)."),
    };
}

Vocabulary buildVocabulary(const QStringList& sentences, VocabularyBuildOptions options) {
    VocabularyBuilder builder(options);
    builder.addSentences(sentences);
    return builder.build();
}

}  // namespace

class TestTokenizer final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void basicTokenize_data();
    void basicTokenize();
    void wordPiece_data();
    void wordPiece();
    void encode_data();
    void encode();
    void encodeRejectsTooShortMaxLength();
    void encodeBatchMatchesEncode();
    void vocabularyErrors_data();
    void vocabularyErrors();
    void vocabularyMissingFile();
    void vocabularyStandardLayout();
    void vocabularyRoundTrip();
    void builderIsDeterministic();
    void builderLayout();
    void builderCoversTrainingSentences();
    void builderRespectsTargetSize();
    void builderRejectsBadInput();
    void builderOnSst2();
};

void TestTokenizer::basicTokenize_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("whitespace and case") << QStringLiteral("  \tHeLLo!how  \n Are yoU?  ")
                                         << QStringList{"hello", "!", "how", "are", "you", "?"};
    QTest::newRow("accent") << QStringLiteral("H\u00E9llo") << QStringList{"hello"};
    QTest::newRow("decomposed accent") << QStringLiteral("cafe\u0301") << QStringList{"cafe"};
    QTest::newRow("upper-case accent") << QStringLiteral("\u00C9COLE") << QStringList{"ecole"};
    QTest::newRow("cjk") << QStringLiteral("ah\u535A\u63A8zz")
                         << QStringList{"ah", QStringLiteral("\u535A"), QStringLiteral("\u63A8"),
                                        "zz"};
    QTest::newRow("cjk outside the bmp")
        << QStringLiteral("a\U00020000b") << QStringList{"a", QStringLiteral("\U00020000"), "b"};
    QTest::newRow("emoji stays whole")
        << QStringLiteral("hi\U0001F600there") << QStringList{QStringLiteral("hi\U0001F600there")};
    QTest::newRow("control characters")
        << QStringLiteral("hel\u0007lo wor") + QChar(0) + QStringLiteral("ld\u200B \uFFFDx")
        << QStringList{"hello", "world", "x"};
    QTest::newRow("lone surrogate")
        << QStringLiteral("a") + QChar(0xD800) + QStringLiteral("b") << QStringList{"ab"};
    QTest::newRow("unicode spaces")
        << QStringLiteral("a\u00A0b\u2028c\u3000d") << QStringList{"a", "b", "c", "d"};
    QTest::newRow("greek final sigma")
        << QStringLiteral("\u039F\u0394\u039F\u03A3 \u03A3\u0391 \u039F\u03A3.")
        << QStringList{QStringLiteral("\u03BF\u03B4\u03BF\u03C2"), QStringLiteral("\u03C3\u03B1"),
                       QStringLiteral("\u03BF\u03C2"), "."};
    QTest::newRow("apostrophe") << QStringLiteral("can't") << QStringList{"can", "'", "t"};
    QTest::newRow("ascii symbols")
        << QStringLiteral("$5+x^2`~") << QStringList{"$", "5", "+", "x", "^", "2", "`", "~"};
    QTest::newRow("unicode punctuation")
        << QStringLiteral("well\u2014\u00BFyes\u201D")
        << QStringList{"well", QStringLiteral("\u2014"), QStringLiteral("\u00BF"), "yes",
                       QStringLiteral("\u201D")};
    QTest::newRow("empty") << QString() << QStringList{};
    QTest::newRow("only spaces") << QStringLiteral(" \t\n ") << QStringList{};
}

void TestTokenizer::basicTokenize() {
    QFETCH(QString, text);
    QFETCH(QStringList, words);
    QCOMPARE(aip::basicTokenize(text), words);
}

void TestTokenizer::wordPiece_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("pieces");
    QTest::newRow("bert example") << QStringLiteral("UNwant\u00E9d,running")
                                  << QStringList{"un", "##want", "##ed", ",", "runn", "##ing"};
    QTest::newRow("empty") << QString() << QStringList{};
    QTest::newRow("whole words") << QStringLiteral("low lowest want")
                                 << QStringList{"low", "lowest", "want"};
    QTest::newRow("unmatchable word")
        << QStringLiteral("unwantedX running") << QStringList{"[UNK]", "runn", "##ing"};
    QTest::newRow("unmatchable tail takes the whole word")
        << QStringLiteral("wantz") << QStringList{"[UNK]"};
    QTest::newRow("100 characters") << QString(100, u'a') << repeatedPieces("a", "##a", 100);
    QTest::newRow("101 characters") << QString(101, u'a') << QStringList{"[UNK]"};
    QString emoji;
    for (int i = 0; i < 60; ++i) {
        emoji += QStringLiteral("\U0001F600");
    }
    QTest::newRow("length counts code points")
        << emoji
        << repeatedPieces(QStringLiteral("\U0001F600"), QStringLiteral("##\U0001F600"), 60);
}

void TestTokenizer::wordPiece() {
    QFETCH(QString, text);
    QFETCH(QStringList, pieces);
    const WordPieceTokenizer tokenizer = smallTokenizer();
    QCOMPARE(tokenizer.tokenize(text), pieces);
    QCOMPARE(tokenizer.tokenIds(text), idsOf(tokenizer.vocabulary(), pieces));
}

void TestTokenizer::encode_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("maxLength");
    QTest::addColumn<QStringList>("tokens");
    QTest::addColumn<int>("realTokens");
    const QString text = QStringLiteral("unwanted running");
    QTest::newRow("padded") << text << 9 << QStringList{"[CLS]", "un",    "##want", "##ed", "runn",
                                                        "##ing", "[SEP]", "[PAD]",  "[PAD]"}
                            << 7;
    QTest::newRow("exact fit") << text << 7 << QStringList{"[CLS]", "un",    "##want", "##ed",
                                                           "runn",  "##ing", "[SEP]"}
                               << 7;
    QTest::newRow("truncated") << text << 4 << QStringList{"[CLS]", "un", "##want", "[SEP]"} << 4;
    QTest::newRow("room for specials only") << text << 2 << QStringList{"[CLS]", "[SEP]"} << 2;
    QTest::newRow("empty text") << QString() << 4 << QStringList{"[CLS]", "[SEP]", "[PAD]", "[PAD]"}
                                << 2;
}

void TestTokenizer::encode() {
    QFETCH(QString, text);
    QFETCH(int, maxLength);
    QFETCH(QStringList, tokens);
    QFETCH(int, realTokens);
    const WordPieceTokenizer tokenizer = smallTokenizer();
    const EncodedText encoded = tokenizer.encode(text, maxLength);
    QCOMPARE(encoded.inputIds.size(), std::size_t(maxLength));
    QCOMPARE(encoded.attentionMask.size(), std::size_t(maxLength));
    QCOMPARE(encoded.inputIds, idsOf(tokenizer.vocabulary(), tokens));
    std::vector<std::int64_t> mask(std::size_t(maxLength), 0);
    std::fill_n(mask.begin(), realTokens, 1);
    QCOMPARE(encoded.attentionMask, mask);
}

void TestTokenizer::encodeRejectsTooShortMaxLength() {
    const WordPieceTokenizer tokenizer = smallTokenizer();
    QVERIFY_THROWS_EXCEPTION(Error, tokenizer.encode(QStringLiteral("want"), 1));
    QVERIFY_THROWS_EXCEPTION(Error, tokenizer.encodeBatch(QStringList{"want"}, 0));
    std::vector<std::int64_t> ids(4);
    std::vector<std::int64_t> mask(3);
    QVERIFY_THROWS_EXCEPTION(Error, tokenizer.encodeInto(QStringLiteral("want"), ids, mask));
}

void TestTokenizer::encodeBatchMatchesEncode() {
    const WordPieceTokenizer tokenizer = smallTokenizer();
    const QStringList texts{QStringLiteral("unwanted running"), QString(),
                            QStringLiteral("low, lowest, want, unwanted")};
    const int maxLength = 6;
    const EncodedBatch batch = tokenizer.encodeBatch(texts, maxLength);
    QCOMPARE(batch.rows, texts.size());
    QCOMPARE(batch.maxLength, maxLength);
    QCOMPARE(batch.inputIds.size(), std::size_t(texts.size() * maxLength));
    QCOMPARE(batch.attentionMask.size(), std::size_t(texts.size() * maxLength));
    for (qsizetype row = 0; row < texts.size(); ++row) {
        const EncodedText single = tokenizer.encode(texts.at(row), maxLength);
        const auto begin = std::size_t(row * maxLength);
        QVERIFY(std::equal(single.inputIds.begin(), single.inputIds.end(),
                           batch.inputIds.begin() + begin));
        QVERIFY(std::equal(single.attentionMask.begin(), single.attentionMask.end(),
                           batch.attentionMask.begin() + begin));
    }
    const EncodedBatch empty = tokenizer.encodeBatch(QStringList{}, maxLength);
    QCOMPARE(empty.rows, 0);
    QVERIFY(empty.inputIds.empty());
}

void TestTokenizer::vocabularyErrors_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty file") << QByteArray() << "empty vocabulary";
    QTest::newRow("blank lines only") << QByteArray("\n \n\n") << "empty vocabulary";
    QTest::newRow("duplicate") << QByteArray("[PAD]\n[UNK]\n[CLS]\n[SEP]\nwant\nwant\n")
                               << ":6: duplicate token \"want\" (first on line 5)";
    QTest::newRow("missing unk") << QByteArray("[PAD]\n[CLS]\n[SEP]\nwant\n")
                                 << ": missing special token [UNK]";
    QTest::newRow("missing pad") << QByteArray("[UNK]\n[CLS]\n[SEP]\n")
                                 << ": missing special token [PAD]";
    QTest::newRow("empty line inside")
        << QByteArray("[PAD]\n[UNK]\n\n[CLS]\n[SEP]\n") << ":3: empty token";
    QTest::newRow("invalid utf-8")
        << QByteArray("[PAD]\n[UNK]\n[CLS]\n[SEP]\n\xff\xfe\n") << ": not valid UTF-8";
}

void TestTokenizer::vocabularyErrors() {
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("vocab.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    try {
        Vocabulary::load(path);
        QFAIL("no error");
    } catch (const Error& error) {
        QVERIFY2(error.message().startsWith(path), qPrintable(error.message()));
        QVERIFY2(error.message().contains(expected), qPrintable(error.message()));
    }
}

void TestTokenizer::vocabularyMissingFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("absent/vocab.txt"));
    try {
        Vocabulary::load(path);
        QFAIL("no error");
    } catch (const Error& error) {
        QVERIFY2(error.message().contains(path), qPrintable(error.message()));
        QVERIFY2(error.message().contains(QStringLiteral("not found")),
                 qPrintable(error.message()));
    }
}

void TestTokenizer::vocabularyStandardLayout() {
    // BERT's layout: [PAD] first, then unused slots, the other specials further down; CRLF and
    // a byte order mark as some editors write them.
    QByteArray content("\xEF\xBB\xBF[PAD]\r\n[unused0]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\n");
    content += QStringLiteral("caf\u00E9\r\n##s\r\n").toUtf8();
    const Vocabulary vocab = Vocabulary::parse(content, QStringLiteral("mem"));
    QCOMPARE(vocab.size(), 7);
    QCOMPARE(vocab.padId(), 0);
    QCOMPARE(vocab.unknownId(), 2);
    QCOMPARE(vocab.classId(), 3);
    QCOMPARE(vocab.separatorId(), 4);
    QCOMPARE(vocab.maskId(), -1);
    QCOMPARE(vocab.id(QStringLiteral("caf\u00E9")), 5);
    QCOMPARE(vocab.id(QStringLiteral("##s")), 6);
    QCOMPARE(vocab.id(QStringLiteral("absent")), -1);
    QCOMPARE(vocab.token(3), QStringLiteral("[CLS]"));
    QVERIFY_THROWS_EXCEPTION(Error, vocab.token(7));

    const WordPieceTokenizer tokenizer(vocab);
    const EncodedText encoded = tokenizer.encode(QStringLiteral("x"), 4);
    QCOMPARE(encoded.inputIds, (std::vector<std::int64_t>{3, 2, 4, 0}));
}

void TestTokenizer::vocabularyRoundTrip() {
    QStringList tokens = smallVocabularyTokens();
    tokens.append(QStringLiteral("[MASK]"));
    tokens.append(QStringLiteral("\u535A"));
    const Vocabulary original(tokens);
    QCOMPARE(original.maskId(), tokens.size() - 2);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/vocab.txt"));
    original.save(path);
    QCOMPARE(readAll(path), tokens.join(u'\n').toUtf8() + '\n');
    const Vocabulary loaded = Vocabulary::load(path);
    QCOMPARE(loaded.tokens(), tokens);
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        QCOMPARE(loaded.id(tokens.at(i)), i);
    }
    QCOMPARE(loaded.maskId(), original.maskId());
}

void TestTokenizer::builderIsDeterministic() {
    const QStringList sentences = smallCorpus();
    QStringList reversed = sentences;
    std::reverse(reversed.begin(), reversed.end());
    const VocabularyBuildOptions options{.targetSize = 100, .minFrequency = 1};

    // Different hash seeds give different hash iteration orders, which must not show.
    QHashSeed::setDeterministicGlobalSeed();
    const Vocabulary first = buildVocabulary(sentences, options);
    QHashSeed::resetRandomGlobalSeed();
    const Vocabulary second = buildVocabulary(reversed, options);

    QTemporaryDir dir;
    const QString firstPath = dir.filePath(QStringLiteral("first.txt"));
    const QString secondPath = dir.filePath(QStringLiteral("second.txt"));
    first.save(firstPath);
    second.save(secondPath);
    QCOMPARE(first.size(), 100);
    QVERIFY(!readAll(firstPath).isEmpty());
    QCOMPARE(readAll(firstPath), readAll(secondPath));
}

void TestTokenizer::builderLayout() {
    QStringList sentences = smallCorpus();
    for (int i = 0; i < 5; ++i) {
        sentences.append(QStringLiteral("Unforgettable performances."));
    }
    const Vocabulary vocab = buildVocabulary(sentences, {.targetSize = 400, .minFrequency = 2});
    const QStringList specials{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
    QCOMPARE(vocab.tokens().first(5), specials);
    QCOMPARE(vocab.padId(), 0);
    QCOMPARE(vocab.unknownId(), 1);
    QCOMPARE(vocab.classId(), 2);
    QCOMPARE(vocab.separatorId(), 3);
    QCOMPARE(vocab.maskId(), 4);
    // Characters follow the specials, in code point order.
    QCOMPARE(vocab.token(5), QStringLiteral("!"));
    for (const QString& c : {QStringLiteral("e"), QStringLiteral("##e"),
                             QStringLiteral("\U0001F600"), QStringLiteral("##\U0001F600")}) {
        QVERIFY2(vocab.contains(c), qPrintable(c));
    }

    const WordPieceTokenizer tokenizer(vocab);
    for (const QString& word :
         {QStringLiteral("movie"), QStringLiteral("terrible"), QStringLiteral("acting"),
          QStringLiteral("unforgettable"), QStringLiteral("performances")}) {
        QCOMPARE(tokenizer.tokenize(word), QStringList{word});
    }
    // Seen once, below the minimum frequency: no whole-word token.
    QVERIFY(!vocab.contains(QStringLiteral("supercalifragilisticexpialidocious")));
}

void TestTokenizer::builderCoversTrainingSentences() {
    const QStringList sentences = smallCorpus();
    const Vocabulary vocab = buildVocabulary(sentences, {.targetSize = 150, .minFrequency = 2});
    const WordPieceTokenizer tokenizer(vocab);
    for (const QString& sentence : sentences) {
        const std::vector<std::int64_t> ids = tokenizer.tokenIds(sentence);
        QVERIFY(!ids.empty());
        QVERIFY2(std::find(ids.begin(), ids.end(), vocab.unknownId()) == ids.end(),
                 qPrintable(tokenizer.tokenize(sentence).join(u' ')));
    }
    // Rare words are cut into pieces rather than lost.
    const QStringList pieces =
        tokenizer.tokenize(QStringLiteral("supercalifragilisticexpialidocious"));
    QVERIFY(pieces.size() > 1);
    QVERIFY(!pieces.contains(QStringLiteral("[UNK]")));
    // A character never seen in training is what makes a word unknown.
    QCOMPARE(tokenizer.tokenize(QStringLiteral("movie stra\u00DFe")),
             (QStringList{"movie", "[UNK]"}));
}

void TestTokenizer::builderRespectsTargetSize() {
    const QStringList sentences = smallCorpus();
    // Specials plus each character twice is the floor.
    const Vocabulary smallest = buildVocabulary(sentences, {.targetSize = 1000000});
    qsizetype characters = 0;
    for (const QString& token : smallest.tokens()) {
        if (token.startsWith(QStringLiteral("##")) && token.toUcs4().size() == 3) {
            ++characters;
        }
    }
    const int minimum = 5 + 2 * int(characters);
    QVERIFY(smallest.size() > minimum);
    QVERIFY(smallest.size() < 1000000);

    for (const int target : {minimum, minimum + 1, minimum + 7}) {
        QCOMPARE(buildVocabulary(sentences, {.targetSize = target}).size(), target);
    }
    try {
        buildVocabulary(sentences, {.targetSize = minimum - 1});
        QFAIL("no error");
    } catch (const Error& error) {
        QVERIFY2(error.message().contains(QString::number(minimum)), qPrintable(error.message()));
    }
}

void TestTokenizer::builderRejectsBadInput() {
    QVERIFY_THROWS_EXCEPTION(Error, VocabularyBuilder({.targetSize = 4}));
    QVERIFY_THROWS_EXCEPTION(Error, VocabularyBuilder({.minFrequency = 0}));
    QVERIFY_THROWS_EXCEPTION(Error, VocabularyBuilder({.wholeWordShare = 1.5}));
    VocabularyBuilder builder;
    builder.addSentence(QStringLiteral("  \t "));
    QVERIFY_THROWS_EXCEPTION(Error, builder.build());
}

void TestTokenizer::builderOnSst2() {
    const QString trainPath = QStringLiteral(AIP_TEST_SHARED_DIR "/datasets/sst2/train.tsv");
    const QString devPath = QStringLiteral(AIP_TEST_SHARED_DIR "/datasets/sst2/dev.tsv");
    if (!QFile::exists(trainPath) || !QFile::exists(devPath)) {
        QSKIP("SST-2 is not in the shared data folder");
    }
    const QStringList train = readSst2Sentences(trainPath);
    const QStringList dev = readSst2Sentences(devPath);
    QVERIFY(train.size() > 60000);
    QVERIFY(dev.size() > 800);

    QElapsedTimer timer;
    timer.start();
    VocabularyBuilder builder({.targetSize = 8000});
    builder.addSentences(train);
    const Vocabulary vocab = builder.build();
    const qint64 buildMs = timer.elapsed();
    QCOMPARE(vocab.size(), 8000);

    const WordPieceTokenizer tokenizer(vocab);
    timer.restart();
    qint64 pieces = 0;
    qint64 unknown = 0;
    qint64 words = 0;
    qint64 wholeWords = 0;
    for (const QString& sentence : dev) {
        for (const QString& word : aip::basicTokenize(sentence)) {
            const std::vector<std::int64_t> ids = tokenizer.tokenIds(word);
            ++words;
            wholeWords += ids.size() == 1 ? 1 : 0;
            pieces += qint64(ids.size());
            unknown += std::count(ids.begin(), ids.end(), vocab.unknownId());
        }
    }
    const qint64 encodeMs = timer.elapsed();
    const double unknownRate = double(unknown) / double(pieces);
    qInfo(
        "SST-2: %lld training sentences, %lld distinct words, 8000-token vocabulary built in "
        "%lld ms; dev: %lld words -> %lld pieces (%.1f%% single-piece words), [UNK] rate "
        "%.3f%%, tokenized in %lld ms",
        qint64(train.size()), qint64(builder.distinctWords()), buildMs, words, pieces,
        100.0 * double(wholeWords) / double(words), 100.0 * unknownRate, encodeMs);
    QVERIFY(pieces > 0);
    QVERIFY2(unknownRate < 0.02, qPrintable(QString::number(unknownRate)));
}

QTEST_GUILESS_MAIN(TestTokenizer)
#include "tst_tokenizer.moc"
