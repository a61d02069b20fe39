package dev.credits.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The class file reader sees every type a class refers to and its floating point")
class ClassFileTest {

  /** Refers to types only through a fully qualified name, a field, a parameter, an annotation and a generic. */
  @SuppressWarnings("unused")
  static final class Sample {
    private java.util.concurrent.atomic.AtomicLong counter;
    private java.util.List<java.time.Duration> durations;
    private double ratio = 0.25;

    @Deprecated
    long run(java.util.function.LongSupplier supplier) {
      return supplier.getAsLong() + java.util.Objects.hash(1) + (long) (ratio * 3);
    }
  }

  static ClassFile read(Class<?> type) throws IOException {
    String name = type.getName();
    try (InputStream in = type.getResourceAsStream(name.substring(name.lastIndexOf('.') + 1) + ".class")) {
      return ClassFile.parse(in.readAllBytes());
    }
  }

  @Test
  @DisplayName("types from fields, generics, parameters, calls and annotations are all found")
  void referencedTypes() throws IOException {
    ClassFile cf = read(Sample.class);

    assertThat(cf.name).isEqualTo("dev/credits/core/arch/ClassFileTest$Sample");
    assertThat(cf.referencedTypes).contains("java/util/concurrent/atomic/AtomicLong", "java/util/List",
        "java/time/Duration", "java/util/function/LongSupplier", "java/util/Objects", "java/lang/Deprecated");
    assertThat(cf.referencedTypes).doesNotContain("java/time/Clock");
  }

  @Test
  @DisplayName("a double field and a double constant are reported")
  void floatingPoint() throws IOException {
    ClassFile cf = read(Sample.class);

    assertThat(cf.floatingPoint).anyMatch(s -> s.contains("double constant 0.25"));
    assertThat(cf.floatingPoint).anyMatch(s -> s.equals("descriptor D"));
  }

  @Test
  @DisplayName("a class without floating point reports none, and F/D inside class names do not count")
  void noFalseFloatingPoint() throws IOException {
    assertThat(read(ClassFileTest.class).floatingPoint).isEmpty();
    assertThat(ClassFile.usesFloatingPoint("(Ljava/lang/Float;LDoubled;J)V")).isFalse();
    assertThat(ClassFile.usesFloatingPoint("(JD)V")).isTrue();
    assertThat(ClassFile.usesFloatingPoint("[F")).isTrue();
  }

  @Test
  @DisplayName("a Dagger-generated factory refers to Dagger, so the dagger-package exception is needed and used")
  void daggerFactory() throws IOException {
    ClassFile cf = read(dev.credits.core.dagger.CreditsModule_CreditsFactory.class);

    assertThat(cf.referencedTypes).anyMatch(t -> t.startsWith("dagger/"));
  }
}
