package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zkasync.client.KazooClient;
import dev.zkasync.test.ZooKeeperProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
class OrdersApplicationTests {

    static final ZooKeeperProcess ZOOKEEPER = ZooKeeperProcess.start();

    @DynamicPropertySource
    static void zookeeper(DynamicPropertyRegistry registry) {
        registry.add("zk.async.hosts", ZOOKEEPER::connectString);
    }

    @AfterAll
    static void stopZooKeeper() {
        ZOOKEEPER.close();
    }

    @Autowired
    KazooClient zk;

    @Autowired
    OrdersApplication.Greetings greetings;

    @Test
    void theStarterGivesTheApplicationAConnectedClient() {
        assertThat(zk.connected()).isTrue();

        greetings.set("hello");

        assertThat(greetings.get()).isEqualTo("hello");
    }
}
