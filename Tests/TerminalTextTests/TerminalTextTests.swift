import Testing
import _TerminalText

/// Text takes the columns a terminal gives it, and its control characters show as escapes.
@Suite struct TerminalTextTests {
  @Test func wideCharactersTakeTwoColumnsAndMarksNone() {
    #expect("abc".terminalColumns == 3)
    #expect("名前".terminalColumns == 4)
    #expect("ｶﾀｶﾅ".terminalColumns == 4)  // halfwidth katakana stay narrow
    #expect("Ｆ".terminalColumns == 2)  // fullwidth Latin
    #expect("😀x".terminalColumns == 3)
    #expect("👩‍🔬".terminalColumns == 2)  // one grapheme: a ZWJ sequence
    #expect("❤️".terminalColumns == 2)  // text-style heart asked for as emoji
    #expect("❤".terminalColumns == 1)
    #expect("e\u{301}té".terminalColumns == 3)  // a combining accent adds no column
    #expect("\u{200B}".terminalColumns == 0)
  }

  @Test func controlCharactersAreWrittenAsEscapes() {
    #expect("a\tb\nc\r".escapingControlCharacters == "a\\tb\\nc\\r")
    #expect("\u{1B}[2J".escapingControlCharacters == "\\u{1B}[2J")
    #expect("\u{85}\u{7F}".escapingControlCharacters == "\\u{85}\\u{7F}")
    #expect("ab\u{202E}cd".escapingControlCharacters == "ab\\u{202E}cd")
    #expect("\u{2066}x\u{2069}".terminalColumns == 17)
    #expect("soft\u{AD}hyphen".terminalColumns == 11)
    #expect("a\tb".terminalColumns == 4)
    #expect("plain".escapingControlCharacters == "plain")
  }

  @Test func paddingCountsColumns() {
    #expect("名".padded(toColumns: 4) == "名  ")
    #expect("名".padded(toColumns: 4, alignedRight: true) == "  名")
    #expect("名前日本".padded(toColumns: 4) == "名前日本")
  }
}
