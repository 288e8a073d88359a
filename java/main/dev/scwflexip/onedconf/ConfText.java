package dev.scwflexip.onedconf;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * File bytes as text and back, byte for byte: UTF-8 when the file is valid UTF-8 (so the diff
 * reads well), otherwise ISO-8859-1, which maps every byte to one character and back.
 */
record ConfText(String text, Charset charset) {

  static ConfText decode(byte[] bytes) {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return new ConfText(chars.toString(), StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      return new ConfText(new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }
  }

  byte[] encode(String updated) {
    return updated.getBytes(charset);
  }
}
