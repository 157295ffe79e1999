package org.ledrl.reflect.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ledrl.reflect.Lesson;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.MemorySnapshot;
import org.ledrl.reflect.ReflectiveEvaluator;
import org.ledrl.reflect.Rule;
import org.ledrl.reflect.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory's JSON file. Saving writes a temporary file in the same folder, forces it to disk and
 * moves it over the old one, so a crash leaves either the old file or the new one, never half of
 * one. A file that does not parse or holds an invalid lesson is reported and moved aside (kept,
 * renamed {@code <file>.corrupt-<time>}), and the memory starts empty; a file that cannot be read
 * at all is left alone and saving is switched off, so it is never overwritten. Thread-safe.
 */
final class MemoryStore {

    static final String FORMAT = "ledrl-reflective-memory";
    static final int VERSION = 1;
    private static final String TEMP_PREFIX = ".reflective-memory-";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Logger LOG = LoggerFactory.getLogger(MemoryStore.class);
    /** Bounds of one save, generous: format, version and clock; a lesson; a short-term record (JSON, UTF-8). */
    static final long MAX_HEADER_BYTES = 1_024;
    static final long MAX_LESSON_BYTES = 4_096;
    static final long MAX_RECORD_BYTES = 512;

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile boolean writable = true;
    private long savedModifications = -1;
    private long savedBytes;

    MemoryStore(Path file) {
        this.file = file;
    }

    /** The file's layout; lessons name their rule by its documented id. */
    record Document(String format, int version, long clockMillis, List<LessonJson> lessons, List<Trace> shortTerm) {
    }

    record LessonJson(String rule, String subject, String taskType, String text, String prose, int evidence,
                      long firstEvidenceMillis, long lastEvidenceMillis) {

        static LessonJson of(Lesson l) {
            return new LessonJson(l.rule().id(), l.subject(), l.taskType(), l.text(), l.prose(), l.evidence(),
                    l.firstEvidenceMillis(), l.lastEvidenceMillis());
        }

        Lesson toLesson() {
            return new Lesson(Rule.byId(rule), subject, taskType, text, prose, evidence, firstEvidenceMillis,
                    lastEvidenceMillis);
        }
    }

    Path file() {
        return file;
    }

    /** Problems met so far, for people: a file set aside, a file that could not be read or written. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Fills {@code memory} from the file, if there is one; see the class comment for what happens to a bad file. */
    synchronized void load(ReflectiveEvaluator memory) {
        removeLeftoverTemporaries();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            LOG.info("No reflective memory at {} yet; starting empty", file);
            savedModifications = memory.modifications();
            return;
        } catch (IOException e) {
            writable = false;
            report("Cannot read the reflective memory file " + file + " (" + e
                    + "); starting empty and not saving, so that the file is not overwritten");
            return;
        }
        try {
            memory.restore(parse(bytes));
            LOG.info("Loaded {} lessons and {} short-term records from {}", memory.lessons().size(),
                    memory.shortTerm().size(), file);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException json ? json.getOriginalMessage()
                    + locationOf(json) : e.getMessage();
            setAside(why);
        }
        savedModifications = memory.modifications();
    }

    private MemorySnapshot parse(byte[] bytes) throws JsonProcessingException {
        Document doc;
        try {
            doc = mapper.readValue(bytes, Document.class);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!FORMAT.equals(doc.format())) {
            throw new IllegalArgumentException("its format is '" + doc.format() + "', not '" + FORMAT + "'");
        }
        if (doc.version() != VERSION) {
            throw new IllegalArgumentException("its version is " + doc.version() + "; this bundle reads version "
                    + VERSION);
        }
        List<Lesson> lessons = new ArrayList<>(doc.lessons().size());
        for (int i = 0; i < doc.lessons().size(); i++) {
            LessonJson lesson = doc.lessons().get(i);
            if (lesson == null) {
                throw new IllegalArgumentException("lesson " + (i + 1) + " is empty");
            }
            try {
                lessons.add(lesson.toLesson());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lesson " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new MemorySnapshot(doc.clockMillis(), lessons, doc.shortTerm());
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private void setAside(String why) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + LocalDateTime.now().format(ASIDE_STAMP));
        for (int n = 2; Files.exists(aside); n++) {
            aside = file.resolveSibling(file.getFileName() + ".corrupt-" + LocalDateTime.now().format(ASIDE_STAMP)
                    + "-" + n);
        }
        try {
            Files.move(file, aside);
            report("The reflective memory file " + file + " is corrupt or of another version (" + why + "); moved it to " + aside
                    + " and started with an empty memory");
        } catch (IOException e) {
            writable = false;
            report("The reflective memory file " + file + " is corrupt or of another version (" + why + ") and could not be moved aside ("
                    + e + "); starting empty and not saving, so that the file is not overwritten");
        }
    }

    /** Writes the memory if it changed since the last save (or load). */
    synchronized void saveIfChanged(ReflectiveEvaluator memory) throws IOException {
        long modifications = memory.modifications();
        if (modifications == savedModifications || !writable) {
            return;
        }
        MemorySnapshot snapshot = memory.snapshot();
        List<LessonJson> lessons = snapshot.lessons().stream().map(LessonJson::of).toList();
        byte[] bytes = mapper.writeValueAsBytes(new Document(FORMAT, VERSION, snapshot.clockMillis(), lessons,
                snapshot.shortTerm()));
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), TEMP_PREFIX, TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        savedModifications = modifications;
        savedBytes = bytes.length;
    }

    /** Bytes of the last save, 0 before any. */
    synchronized long savedBytes() {
        return savedBytes;
    }

    /**
     * The most bytes a save writes under {@code settings}: each lesson's texts are bounded (the rules' text
     * with task type names of at most 64 characters, prose of at most 300), each record's fields too.
     */
    static long maxBytes(MemorySettings settings) {
        return MAX_HEADER_BYTES + (long) settings.maxLessons() * MAX_LESSON_BYTES
                + (long) settings.shortTermPerSubject() * settings.maxShortTermSubjects() * MAX_RECORD_BYTES;
    }

    /** Temporary files of a save that a crash interrupted: the real file is intact, they are not needed. */
    private void removeLeftoverTemporaries() {
        if (!Files.isDirectory(file.getParent())) {
            return;
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(file.getParent(),
                TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            LOG.debug("Could not remove leftover temporary files in {}", file.getParent(), e);
        }
    }

    private void report(String problem) {
        problems.add(problem);
        LOG.error(problem);
    }
}
