package dev.zkasync.spring.boot.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of a {@link dev.zkasync.client.KazooClient}.
 */
public enum ZooKeeperClientObservation implements ObservationDocumentation {

    /**
     * One ZooKeeper request, from the moment it is queued to the moment its reply (or failure)
     * completes it. A transaction is one {@code multi} request; recipes and recursive calls are
     * observed request by request.
     */
    OPERATION {

        @Override
        public String getName() {
            return DefaultZooKeeperClientObservationConvention.NAME;
        }

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultZooKeeperClientObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return HighCardinalityKeyNames.values();
        }

    };

    /**
     * Keys with a bounded set of values, which become meter tags.
     */
    public enum LowCardinalityKeyNames implements KeyName {

        /**
         * The API operation, one name whatever request type carries it: {@code create},
         * {@code delete}, {@code exists}, {@code get}, {@code set}, {@code get_children},
         * {@code transaction}, {@code sync}... (the full list is in the starter's README).
         */
        OPERATION {
            @Override
            public String asString() {
                return "zookeeper.operation";
            }
        },

        /**
         * {@code SUCCESS} when the result code is {@code OK}, else {@code ERROR}.
         */
        OUTCOME {
            @Override
            public String asString() {
                return "outcome";
            }
        },

        /**
         * {@code OK}, the ZooKeeper error code name ({@code NONODE}, {@code NODEEXISTS},
         * {@code BADVERSION}, {@code CONNECTIONLOSS}, {@code SESSIONEXPIRED},
         * {@code REQUESTTIMEOUT}...) or {@code CLIENT_ERROR} for failures without a ZooKeeper
         * code.
         */
        RESULT_CODE {
            @Override
            public String asString() {
                return "zookeeper.result.code";
            }
        }

    }

    /**
     * Keys with unbounded values, which go to traces only.
     */
    public enum HighCardinalityKeyNames implements KeyName {

        /**
         * The request's path, relative to the client's chroot.
         */
        PATH {
            @Override
            public String asString() {
                return "zookeeper.path";
            }
        }

    }

}
