package dev.zkasync.client.handler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestWindowTest {
    private final Handler handler = new SequentialThreadingHandler();

    {
        handler.start();
    }

    @AfterEach
    void stop() {
        handler.stop();
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new RequestWindow(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1, not 0");
    }

    @Test
    void keepsAtMostItsLimitInFlightAndStartsTheRestInOrder() {
        RequestWindow window = new RequestWindow(3);
        List<DefaultAsyncResult<Integer>> sent = new ArrayList<>();
        List<DefaultAsyncResult<Integer>> outs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            DefaultAsyncResult<Integer> out = new DefaultAsyncResult<>(handler);
            window.send(() -> {
                DefaultAsyncResult<Integer> request = new DefaultAsyncResult<>(handler);
                sent.add(request);
                return request;
            }, out);
            outs.add(out);
        }
        assertThat(sent).hasSize(3);
        assertThat(window.inFlight()).isEqualTo(3);

        sent.get(1).set(1);
        assertThat(sent).as("one place freed, one more started").hasSize(4);
        sent.get(0).setException(new IllegalStateException("failed"));
        assertThat(sent).hasSize(5);
        for (int i = 2; i < 10; i++) {
            sent.get(i).set(i);
        }
        assertThat(sent).hasSize(10);
        assertThat(window.inFlight()).isZero();
        assertThat(outs.get(1).get()).isEqualTo(1);
        assertThatThrownBy(() -> outs.get(0).get()).isInstanceOf(IllegalStateException.class);
        assertThat(outs.get(9).get()).isEqualTo(9);
    }
}
