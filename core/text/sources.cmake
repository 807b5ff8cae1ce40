# core/text: BERT WordPiece tokenization and a vocabulary builder (no LibTorch).
target_sources(aip_core PRIVATE
    text/basictokenizer.cpp
    text/basictokenizer.h
    text/unicodetext.h
    text/vocabulary.cpp
    text/vocabulary.h
    text/vocabularybuilder.cpp
    text/vocabularybuilder.h
    text/wordpiecetokenizer.cpp
    text/wordpiecetokenizer.h
)
