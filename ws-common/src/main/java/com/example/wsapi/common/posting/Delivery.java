package com.example.wsapi.common.posting;

/** What became of one post to a connection. */
public enum Delivery {
    /** API Gateway accepted the data for the connection. */
    DELIVERED,
    /** 410: the connection no longer exists. Normal: the caller removes that connection and goes on. */
    GONE
}
