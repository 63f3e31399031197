package org.qnetstack.hal.serial;

import java.net.URI;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.DetectorCounters;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.serial.internal.SerialDevice;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A detector/timing controller on a serial line, speaking the text protocol of this module's README.
 * Open it by URI, {@code serial:/dev/ttyUSB0?baud=115200&timeout=1000}, through
 * {@link org.qnetstack.hal.Drivers#openDetectorController} or {@link #open}.
 *
 * <p>Commands are lazy {@link Mono}s; they, and the clicks, complete on the {@link Scheduler} given at
 * opening, which must accept tasks from other threads (a real-time event loop). Blocking I/O happens
 * only on the controller's own threads. Every wait is bounded by the URI's timeouts. Clicks are released
 * in batches, each once the device's watermark vouches that it is complete and intact; a batch in doubt
 * is dropped whole and counted in {@link #stats()}, never delivered. No reply of the device is believed
 * unverified (see the module README, section 1): settings are read back, readings are taken twice and
 * must agree, and the driver reports only values so verified.
 *
 * <p>Channels are numbered from 0 here, as in {@link ClickEvent}; the wire numbers inputs from 1.
 */
public final class SerialDetectorController implements DetectorController {
    private final SerialDevice device;

    private SerialDetectorController(SerialDevice device) {
        this.device = device;
    }

    /**
     * Opens the device at the URI: blocks until it has answered, at most the reconnection period plus a
     * few reply timeouts.
     *
     * @throws IllegalArgumentException    if the URI is not a valid {@code serial:} URI
     * @throws DeviceUnavailableException  if the device cannot be opened or does not answer
     */
    public static SerialDetectorController open(URI uri, Scheduler scheduler) {
        return new SerialDetectorController(SerialDevice.open(uri, scheduler));
    }

    @Override
    public String identity() {
        return device.identity();
    }

    @Override
    public int channelCount() {
        return device.channelCount();
    }

    @Override
    public Mono<Void> arm() {
        return device.arm();
    }

    @Override
    public Mono<Void> disarm() {
        return device.disarm();
    }

    @Override
    public boolean isArmed() {
        return device.isArmed();
    }

    @Override
    public Mono<Void> setCoincidenceWindow(long windowPs) {
        return device.setCoincidenceWindow(windowPs);
    }

    @Override
    public long coincidenceWindowPs() {
        return device.coincidenceWindowPs();
    }

    /**
     * Clicks in time-tag order, released a batch at a time when the device's watermark confirms them. The
     * stream ends with {@link DeviceUnavailableException} if the device is lost for good, and completes
     * when the controller is closed.
     */
    @Override
    public Flux<ClickEvent> clicks() {
        return device.clicks();
    }

    /**
     * The device's watermarks, in ps, each emitted after the clicks it released: once {@code w} is seen,
     * every click with a time tag before {@code w} has been delivered (or withheld as doubtful). This is
     * how a consumer knows that a coincidence window is complete.
     */
    @Override
    public Flux<Long> watermarks() {
        return device.watermarks();
    }

    @Override
    public Mono<DetectorCounters> counters() {
        return device.counters();
    }

    @Override
    public Mono<Void> resetCounters() {
        return device.resetCounters();
    }

    /** Sets an input's discriminator threshold, in volts. */
    public Mono<Void> setThreshold(int channel, double volts) {
        return device.setThreshold(channel, volts);
    }

    /** Sets the delay added to an input's time tags, in ps. */
    public Mono<Void> setDelay(int channel, long ps) {
        return device.setDelay(channel, ps);
    }

    /** Sets which edge of an input's pulses is stamped. */
    public Mono<Void> setEdge(int channel, Edge edge) {
        return device.setEdge(channel, edge);
    }

    /** An input's settings as last confirmed by the device. */
    public ChannelSettings channelSettings(int channel) {
        return device.channelSettings(channel);
    }

    /** Resets the device to its defaults ({@code *RST}), disarmed; the driver re-reads the settings. */
    public Mono<Void> resetDevice() {
        return device.resetDevice();
    }

    /** Faults seen and clicks delivered so far. */
    public SerialStats stats() {
        return device.stats();
    }

    public URI uri() {
        return device.uri();
    }

    /** Disarms the device (best effort), closes the port and stops the controller's threads; idempotent. */
    @Override
    public void close() {
        device.close();
    }

    @Override
    public String toString() {
        return "SerialDetectorController[" + device.uri() + "]";
    }
}
