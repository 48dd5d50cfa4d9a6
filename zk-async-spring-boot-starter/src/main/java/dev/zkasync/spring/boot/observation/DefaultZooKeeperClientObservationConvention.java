package dev.zkasync.spring.boot.observation;

import dev.zkasync.spring.boot.observation.ZooKeeperClientObservation.HighCardinalityKeyNames;
import dev.zkasync.spring.boot.observation.ZooKeeperClientObservation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link ZooKeeperClientObservationConvention}: observation
 * {@code zookeeper.client.operations}, named after the operation in traces, with the operation,
 * outcome and result code as low-cardinality keys and the path as a high-cardinality key.
 */
public class DefaultZooKeeperClientObservationConvention implements ZooKeeperClientObservationConvention {

    /** Creates the convention; subclass it to change or add key values. */
    public DefaultZooKeeperClientObservationConvention() {
    }

    /** A shared instance. */
    public static final DefaultZooKeeperClientObservationConvention INSTANCE =
            new DefaultZooKeeperClientObservationConvention();

    /** The observation's name, and so the timer's. */
    public static final String NAME = "zookeeper.client.operations";

    private static final String UNKNOWN = "UNKNOWN";

    private static final KeyValue OUTCOME_SUCCESS = LowCardinalityKeyNames.OUTCOME.withValue("SUCCESS");

    private static final KeyValue OUTCOME_ERROR = LowCardinalityKeyNames.OUTCOME.withValue("ERROR");

    private static final KeyValue OUTCOME_UNKNOWN = LowCardinalityKeyNames.OUTCOME.withValue(UNKNOWN);

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(ZooKeeperClientObservationContext context) {
        return context.getOperation();
    }

    /**
     * The low-cardinality key values by operation, then result code: both come from small fixed
     * sets, so each combination is built once instead of on every request.
     */
    private final Map<String, Map<String, KeyValues>> lowCardinality = new ConcurrentHashMap<>();

    @Override
    public KeyValues getLowCardinalityKeyValues(ZooKeeperClientObservationContext context) {
        String operation = context.getOperation();
        String resultCode = (context.getResultCode() != null) ? context.getResultCode() : UNKNOWN;
        Map<String, KeyValues> byCode = this.lowCardinality.get(operation);
        if (byCode == null) {
            byCode = this.lowCardinality.computeIfAbsent(operation, (key) -> new ConcurrentHashMap<>());
        }
        KeyValues keyValues = byCode.get(resultCode);
        if (keyValues == null) {
            keyValues = byCode.computeIfAbsent(resultCode, (code) -> lowCardinalityKeyValues(operation, code));
        }
        return keyValues;
    }

    private static KeyValues lowCardinalityKeyValues(String operation, String resultCode) {
        KeyValue outcome = UNKNOWN.equals(resultCode) ? OUTCOME_UNKNOWN
                : "OK".equals(resultCode) ? OUTCOME_SUCCESS : OUTCOME_ERROR;
        return KeyValues.of(LowCardinalityKeyNames.OPERATION.withValue(operation), outcome,
                LowCardinalityKeyNames.RESULT_CODE.withValue(resultCode));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ZooKeeperClientObservationContext context) {
        String path = context.getPath();
        return (path != null) ? KeyValues.of(HighCardinalityKeyNames.PATH.withValue(path)) : KeyValues.empty();
    }

}
