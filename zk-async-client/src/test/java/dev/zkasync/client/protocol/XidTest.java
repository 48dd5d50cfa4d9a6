package dev.zkasync.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XidTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 1_000_000, Integer.MAX_VALUE - 1})
    void nextIncrements(int xid) {
        assertThat(Xid.next(xid)).isEqualTo(xid + 1);
    }

    @Test
    void wrapsFromMaxValueToOne() {
        assertThat(Xid.next(Integer.MAX_VALUE)).isEqualTo(1);
    }

    @Test
    void neverZeroOrNegativeAcrossTheWrap() {
        int xid = Integer.MAX_VALUE - 1_000;
        for (int i = 0; i < 3_000; i++) {
            int next = Xid.next(xid);
            assertThat(next).isPositive();
            assertThat(next).isEqualTo(xid == Integer.MAX_VALUE ? 1 : xid + 1);
            xid = next;
        }
        assertThat(xid).isEqualTo(2_000);
    }

    @Test
    void reservedXidsAreNotPositive() {
        assertThat(Xid.NOTIFICATION).isEqualTo(-1);
        assertThat(Xid.PING).isEqualTo(-2);
        assertThat(Xid.AUTH).isEqualTo(-4);
    }
}
