package io.lakehouse.trino.landing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipException;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.util.Objects.requireNonNull;

/**
 * Inflates gzip through Intel's ISA-L ({@code libisal.so.2}, Debian package {@code libisal2}), about three times as
 * fast as the JDK's zlib, streaming with fixed buffers (the split's memory does not follow the file size). Used only
 * when the library is installed in the version whose {@code struct inflate_state} layout this class knows (2.30);
 * otherwise {@link #isAvailable()} is false and files are inflated by the JDK.
 * <p>
 * Concatenated gzip members are read one after the other, as the JDK does; bytes after the last member that do not
 * start another one are ignored.
 */
final class IsalGzipInputStream
        extends InputStream
{
    private static final String LIBRARY_FILE = "/usr/lib/x86_64-linux-gnu/libisal.so.2.0.30";
    // struct inflate_state of ISA-L 2.30 on x86-64
    private static final long STATE_SIZE = 87368;
    private static final long NEXT_OUT = 0;
    private static final long AVAIL_OUT = 8;
    private static final long NEXT_IN = 16;
    private static final long AVAIL_IN = 32;
    private static final long BLOCK_STATE = 21160;
    private static final long CRC_FLAG = 21172;
    private static final int ISAL_GZIP = 1;
    private static final int ISAL_BLOCK_FINISH = 5;
    private static final int ISAL_INVALID_WRAPPER = -4;

    private static final int INPUT_SIZE = 64 * 1024;
    private static final int OUTPUT_SIZE = 256 * 1024;

    private static final Optional<Functions> FUNCTIONS = loadFunctions();

    private final InputStream input;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment state;
    private final MemorySegment inputBuffer;
    private final MemorySegment outputBuffer;
    private final byte[] compressed = new byte[INPUT_SIZE];
    private int outputPosition;
    private int outputLimit;
    private boolean started;
    private boolean inputEnded;
    private boolean finished;
    private boolean closed;

    IsalGzipInputStream(InputStream input)
    {
        this.input = requireNonNull(input, "input is null");
        Functions functions = FUNCTIONS.orElseThrow(() -> new IllegalStateException("ISA-L is not available"));
        this.state = arena.allocate(STATE_SIZE, 64);
        this.inputBuffer = arena.allocate(INPUT_SIZE, 64);
        this.outputBuffer = arena.allocate(OUTPUT_SIZE, 64);
        functions.init(state);
        state.set(JAVA_INT, CRC_FLAG, ISAL_GZIP);
    }

    public static boolean isAvailable()
    {
        return FUNCTIONS.isPresent();
    }

    @Override
    public int read()
            throws IOException
    {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length)
            throws IOException
    {
        if (length == 0) {
            return 0;
        }
        while (outputPosition == outputLimit) {
            if (finished) {
                return -1;
            }
            inflate();
        }
        int count = Math.min(length, outputLimit - outputPosition);
        MemorySegment.copy(outputBuffer, JAVA_BYTE, outputPosition, buffer, offset, count);
        outputPosition += count;
        return count;
    }

    private void inflate()
            throws IOException
    {
        Functions functions = FUNCTIONS.orElseThrow();
        state.set(JAVA_LONG, NEXT_OUT, outputBuffer.address());
        state.set(JAVA_INT, AVAIL_OUT, OUTPUT_SIZE);
        while (state.get(JAVA_INT, AVAIL_OUT) == OUTPUT_SIZE) {
            if (state.get(JAVA_INT, BLOCK_STATE) == ISAL_BLOCK_FINISH) {
                // a member ended: another may follow
                if (!fillInput()) {
                    finished = true;
                    break;
                }
                long nextIn = state.get(JAVA_LONG, NEXT_IN);
                int availableIn = state.get(JAVA_INT, AVAIL_IN);
                if (inputBuffer.get(JAVA_BYTE, nextIn - inputBuffer.address()) != (byte) 0x1F) {
                    finished = true;
                    break;
                }
                functions.init(state);
                state.set(JAVA_INT, CRC_FLAG, ISAL_GZIP);
                state.set(JAVA_LONG, NEXT_IN, nextIn);
                state.set(JAVA_INT, AVAIL_IN, availableIn);
                state.set(JAVA_LONG, NEXT_OUT, outputBuffer.address());
                state.set(JAVA_INT, AVAIL_OUT, OUTPUT_SIZE);
            }
            boolean inputLeft = fillInput();
            int result = functions.inflate(state);
            if (result < 0) {
                throw new IOException(result == ISAL_INVALID_WRAPPER ? "Not in gzip format" : "Corrupt gzip input (ISA-L error %s)".formatted(result));
            }
            // without more input the inflater may still hand over what it holds, but once it holds nothing the file is cut short
            if (!inputLeft && state.get(JAVA_INT, AVAIL_OUT) == OUTPUT_SIZE && state.get(JAVA_INT, BLOCK_STATE) != ISAL_BLOCK_FINISH) {
                throw new EOFException("Unexpected end of gzip input");
            }
        }
        outputPosition = 0;
        outputLimit = OUTPUT_SIZE - state.get(JAVA_INT, AVAIL_OUT);
    }

    /**
     * Makes sure compressed bytes are available to the inflater; false at the end of the input.
     */
    private boolean fillInput()
            throws IOException
    {
        if (state.get(JAVA_INT, AVAIL_IN) > 0) {
            return true;
        }
        if (inputEnded) {
            return false;
        }
        int read = input.read(compressed, 0, compressed.length);
        while (read == 0 || (!started && read == 1)) {
            int more = input.read(compressed, read, compressed.length - read);
            if (more < 0) {
                break;
            }
            read += more;
        }
        if (!started) {
            // as the JDK tells an empty file and one that is not gzip at all from a cut one
            if (read < 0) {
                throw new EOFException("Unexpected end of gzip input: the file is empty");
            }
            if (read < 2 || compressed[0] != (byte) 0x1F || compressed[1] != (byte) 0x8B) {
                throw new ZipException("Not in GZIP format");
            }
            started = true;
        }
        if (read < 0) {
            inputEnded = true;
            return false;
        }
        MemorySegment.copy(compressed, 0, inputBuffer, JAVA_BYTE, 0, read);
        state.set(JAVA_LONG, NEXT_IN, inputBuffer.address());
        state.set(JAVA_INT, AVAIL_IN, read);
        return true;
    }

    @Override
    public void close()
            throws IOException
    {
        if (closed) {
            return;
        }
        closed = true;
        try {
            input.close();
        }
        finally {
            arena.close();
        }
    }

    private static Optional<Functions> loadFunctions()
    {
        try {
            if (!Files.exists(Path.of(LIBRARY_FILE))) {
                return Optional.empty();
            }
            Linker linker = Linker.nativeLinker();
            SymbolLookup library = SymbolLookup.libraryLookup(Path.of(LIBRARY_FILE), Arena.global());
            MethodHandle init = linker.downcallHandle(library.find("isal_inflate_init").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS));
            MethodHandle inflate = linker.downcallHandle(library.find("isal_inflate").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS));
            return Optional.of(new Functions(init, inflate));
        }
        catch (Throwable e) {
            return Optional.empty();
        }
    }

    private record Functions(MethodHandle init, MethodHandle inflate)
    {
        void init(MemorySegment state)
        {
            try {
                init.invokeExact(state);
            }
            catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        int inflate(MemorySegment state)
        {
            try {
                return (int) inflate.invokeExact(state);
            }
            catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
