package org.qnetstack.deploy.internal;

/** How a node's stand-ins for the world's things (device, clock, fibres) reach the world. */
interface WorldCalls {
    /** Sends without waiting: the world handles a node's messages in the order sent. */
    void send(Object message);

    /** Sends a device call and waits for its result, answering what the world asks meanwhile. */
    WorldMessages.DeviceResult call(WorldMessages.DeviceCall call);
}
