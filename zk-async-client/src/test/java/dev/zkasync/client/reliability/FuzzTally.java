package dev.zkasync.client.reliability;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one fuzz test ran: inputs, and how many of them were refused with the typed exception. A
 * test counts as it goes and records the tally once, after its last input, in the {@code fuzz} area.
 */
public final class FuzzTally {
    private final String scenario;
    private final AtomicLong inputs = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();

    /** @param scenario what is fuzzed, e.g. {@code reply decoders} */
    public FuzzTally(String scenario) {
        this.scenario = scenario;
    }

    /** One input ran; {@code wasRefused} when it ended in the typed refusal. */
    public void input(boolean wasRefused) {
        inputs.incrementAndGet();
        if (wasRefused) {
            refused.incrementAndGet();
        }
    }

    /** {@code count} frames came out of the input. */
    public void frames(long count) {
        frames.addAndGet(count);
    }

    /** Records the tally, naming whether the committed corpus ran or the fuzzer ({@code JAZZER_FUZZ}). */
    public void record() {
        String fuzzing = System.getenv("JAZZER_FUZZ");
        String run = scenario + (fuzzing == null || fuzzing.isEmpty() ? " (committed corpus)" : " (fuzzing)");
        ReliabilityRecords.record("fuzz", run, "inputs run", inputs.get());
        ReliabilityRecords.record("fuzz", run, "refused with the typed exception", refused.get());
        if (frames.get() > 0) {
            ReliabilityRecords.record("fuzz", run, "frames passed on, all within the limit", frames.get());
        }
    }
}
