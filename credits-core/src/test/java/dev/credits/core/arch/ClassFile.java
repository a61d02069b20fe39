package dev.credits.core.arch;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little of a class file these tests need, read with the JDK 17 API only: the classes it
 * refers to (from its constant pool: class entries, and every descriptor and generic signature,
 * which covers field, method and annotation types) and whether it uses floating point (float or
 * double constants, or F/D in a descriptor).
 */
final class ClassFile {
  private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w$]+(?:/[\\w$]+)+)[;<]");

  final String name;
  final Set<String> referencedTypes;
  final List<String> floatingPoint;

  private ClassFile(String name, Set<String> referencedTypes, List<String> floatingPoint) {
    this.name = name;
    this.referencedTypes = referencedTypes;
    this.floatingPoint = floatingPoint;
  }

  static ClassFile parse(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classEntries = new int[count]; // pool index -> name index, for class entries
    List<Integer> classNames = new ArrayList<>();
    Set<Integer> notTypes = new HashSet<>(); // string literals and member names
    List<Integer> descriptors = new ArrayList<>();
    List<String> floating = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1:
          utf8[i] = in.readUTF();
          break;
        case 3:
          in.readInt();
          break;
        case 4:
          floating.add("float constant " + in.readFloat());
          break;
        case 5:
          in.readLong();
          i++;
          break;
        case 6:
          floating.add("double constant " + in.readDouble());
          i++;
          break;
        case 7:
          classEntries[i] = in.readUnsignedShort();
          classNames.add(classEntries[i]);
          break;
        case 8:
          notTypes.add(in.readUnsignedShort());
          break;
        case 9: case 10: case 11: case 17: case 18:
          in.readUnsignedShort();
          in.readUnsignedShort();
          break;
        case 12:
          notTypes.add(in.readUnsignedShort());
          descriptors.add(in.readUnsignedShort());
          break;
        case 15:
          in.readUnsignedByte();
          in.readUnsignedShort();
          break;
        case 16:
          descriptors.add(in.readUnsignedShort());
          break;
        case 19: case 20:
          in.readUnsignedShort();
          break;
        default:
          throw new IOException("unknown constant pool tag " + tag + " at " + i);
      }
    }
    in.readUnsignedShort();
    String name = utf8[classEntries[in.readUnsignedShort()]];
    in.readUnsignedShort();
    int interfaces = in.readUnsignedShort();
    for (int i = 0; i < interfaces; i++) {
      in.readUnsignedShort();
    }
    for (int table = 0; table < 2; table++) {
      int members = in.readUnsignedShort();
      for (int m = 0; m < members; m++) {
        in.readUnsignedShort();
        notTypes.add(in.readUnsignedShort());
        descriptors.add(in.readUnsignedShort());
        skipAttributes(in);
      }
    }

    Set<String> types = new TreeSet<>();
    for (int index : classNames) {
      String n = utf8[index];
      if (n.startsWith("[")) {
        addTypes(n, types);
      } else {
        types.add(n);
      }
    }
    for (int i = 1; i < count; i++) {
      if (utf8[i] != null && !notTypes.contains(i)) {
        addTypes(utf8[i], types);
      }
    }
    for (int index : descriptors) {
      if (usesFloatingPoint(utf8[index])) {
        floating.add("descriptor " + utf8[index]);
      }
    }
    return new ClassFile(name, types, floating);
  }

  private static void addTypes(String text, Set<String> into) {
    Matcher m = TYPE_IN_DESCRIPTOR.matcher(text);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  /** Whether a field or method descriptor has a float or double in it (outside class names). */
  static boolean usesFloatingPoint(String descriptor) {
    for (int i = 0; i < descriptor.length(); i++) {
      char c = descriptor.charAt(i);
      if (c == 'L') {
        i = descriptor.indexOf(';', i);
      } else if (c == 'F' || c == 'D') {
        return true;
      }
    }
    return false;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.readUnsignedShort();
      in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
    }
  }
}
