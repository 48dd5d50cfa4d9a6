package dev.zkasync.client;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;

import dev.zkasync.client.exception.BadVersionException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;
import dev.zkasync.client.exception.RolledBackException;
import dev.zkasync.client.exception.RuntimeInconsistencyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transactions (multi) and multiRead against a real server. */
@Tag("server-matrix")
class TransactionTest extends RealServerTest {

    @Test
    void aTransactionAppliesEveryOperationWithChrootStrippedResults() {
        KazooClient c = client();
        c.create("/a", bytes("1"));
        c.create("/gone");
        List<Object> results = c.transaction()
                .create("/b", bytes("b"))
                .create("/seq-", null, CreateOptions.DEFAULT.sequence().ephemeral())
                .setData("/a", bytes("2"), 0)
                .check("/a", 1)
                .delete("/gone", -1)
                .create("/box", null, CreateOptions.DEFAULT.container())
                .create("/ttl", null, CreateOptions.DEFAULT.ttl(Duration.ofMinutes(1)))
                .commit();
        assertThat(results).hasSize(7);
        assertThat(results.get(0)).isEqualTo("/b");
        assertThat((String) results.get(1)).matches("/seq-\\d{10}");
        assertThat(((Stat) results.get(2)).version()).isEqualTo(1);
        assertThat(results.get(3)).isEqualTo(Boolean.TRUE);
        assertThat(results.get(4)).isEqualTo(Boolean.TRUE);
        assertThat(results.get(5)).isEqualTo("/box");
        assertThat(results.get(6)).isEqualTo("/ttl");
        assertThat(c.exists("/gone")).isNull();
        assertThat(string(c.get("/a").data())).isEqualTo("2");
        assertThat(c.exists("/box")).isNotNull();
    }

    @Test
    void aFailedTransactionAppliesNothingAndReportsEachOperationAsKazooDoes() {
        KazooClient c = client();
        c.create("/a", bytes("1"));
        List<Object> results = c.transaction()
                .create("/new", null)
                .setData("/a", bytes("x"), 5) // wrong version: fails
                .delete("/a", -1)
                .commit();
        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isInstanceOf(RolledBackException.class);
        assertThat(results.get(1)).isInstanceOf(BadVersionException.class);
        assertThat(((BadVersionException) results.get(1)).path()).isEqualTo("/a");
        assertThat(results.get(2)).isInstanceOf(RuntimeInconsistencyException.class);
        assertThat(c.exists("/new")).isNull();
        assertThat(c.exists("/a")).isNotNull();
    }

    @Test
    void commitOrThrowThrowsTheFailingOperationsError() {
        KazooClient c = client();
        c.create("/exists");
        Transaction tx = c.transaction().create("/ok", null).create("/exists", null);
        assertThatThrownBy(tx::commitOrThrow).isInstanceOf(Transaction.TransactionFailedException.class)
                .hasCauseInstanceOf(NodeExistsException.class)
                .satisfies(e -> assertThat(((Transaction.TransactionFailedException) e).results()).hasSize(2));
        assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tryWithResourcesSendsNothingWhenTheBlockThrows() {
        KazooClient c = client();
        assertThatThrownBy(() -> {
            try (Transaction tx = c.transaction()) {
                tx.create("/never", null);
                throw new IllegalStateException("boom");
            }
        }).hasMessage("boom");
        assertThat(c.exists("/never")).isNull();

        try (Transaction tx = c.transaction()) {
            tx.create("/yes", null);
            tx.commit();
        }
        assertThat(c.exists("/yes")).isNotNull();

        assertThatThrownBy(() -> c.inTransaction(tx -> {
            tx.create("/lambda-never", null);
            throw new IllegalStateException("no");
        })).hasMessage("no");
        assertThat(c.exists("/lambda-never")).isNull();
        assertThat(c.inTransaction(tx -> tx.create("/lambda", null))).containsExactly("/lambda");
    }

    @Test
    void commitAsyncCompletesOnTheHandler() throws Exception {
        KazooClient c = client();
        AsyncResult<List<Object>> r = c.transaction().create("/x", null).commitAsync();
        assertThat(r.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS)).containsExactly("/x");
    }

    @Test
    void multiReadReadsSeveralNodesInOneRoundTrip() {
        KazooClient c = client();
        c.create("/p", bytes("parent"));
        c.create("/p/c1");
        c.create("/p/c2");
        List<Object> results = c.multiRead(List.of(ReadOp.getData("/p"), ReadOp.getChildren("/p"),
                ReadOp.exists("/p/c1"), ReadOp.exists("/missing"), ReadOp.getData("/missing")));
        assertThat(string(((NodeData) results.get(0)).data())).isEqualTo("parent");
        @SuppressWarnings("unchecked")
        List<String> children = (List<String>) results.get(1);
        assertThat(children).containsExactlyInAnyOrder("c1", "c2");
        assertThat(results.get(2)).isInstanceOf(Stat.class);
        assertThat(results.get(3)).isNull();
        assertThat(results.get(4)).isInstanceOf(NoNodeException.class);
    }

    @Test
    void invalidOperationsAreRefusedWhenAdded() {
        KazooClient c = client();
        Transaction tx = c.transaction();
        assertThatThrownBy(() -> tx.create("bad", null)).isInstanceOf(dev.zkasync.client.exception.InvalidPathException.class);
        assertThatThrownBy(() -> tx.create("/x", null, CreateOptions.DEFAULT.makepath()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
