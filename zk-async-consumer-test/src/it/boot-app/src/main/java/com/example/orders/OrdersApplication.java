package com.example.orders;

import dev.zkasync.client.KazooClient;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }

    @Service
    public static class Greetings {

        private final KazooClient zk;

        public Greetings(KazooClient zk) {
            this.zk = zk;
        }

        public void set(String text) {
            zk.ensurePath("/greeting");
            zk.set("/greeting", text.getBytes(StandardCharsets.UTF_8));
        }

        public String get() {
            return new String(zk.get("/greeting").data(), StandardCharsets.UTF_8);
        }
    }
}
