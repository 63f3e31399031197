package org.qnetstack.hal.tck;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.qnetstack.hal.device.AsyncQuantumDevice;
import org.qnetstack.hal.device.DeviceException;

/**
 * Devices under the {@link AsyncQuantumDeviceConformance} kit, and how to wait for them. The default waits
 * poll in real time, bounded by {@link #timeout()}; a simulation overrides {@link #awaitCondition} to run
 * its event loop instead. Closing it closes the devices and whatever stands behind them.
 */
public interface DeviceFixture extends AutoCloseable {
    /** One device, or two that share a link (the first interface of each) for the herald tests. */
    List<AsyncQuantumDevice> devices();

    default AsyncQuantumDevice device() {
        return devices().get(0);
    }

    /** The longest any wait may take before the kit fails the test. */
    default Duration timeout() {
        return Duration.ofSeconds(5);
    }

    /** Lets the devices work until the condition holds or the time is up; returns the condition's final value. */
    default boolean awaitCondition(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return condition.getAsBoolean();
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
        return true;
    }

    /**
     * Waits until the future is done or the time is up; returns whether it is done. The default blocks on
     * it; a simulation overrides it to run its event loop until the future is done.
     */
    default boolean awaitDone(CompletableFuture<?> future, Duration within) throws InterruptedException {
        try {
            future.get(within.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return future.isDone();
        }
        return true;
    }

    /**
     * Waits for the stage: its value, or its failure's {@link DeviceException} thrown as is, or an
     * {@link AssertionError} naming {@code what} if it does not complete in time.
     */
    default <T> T await(CompletionStage<T> stage, String what) throws InterruptedException {
        var future = stage.toCompletableFuture();
        if (!awaitDone(future, timeout())) {
            throw new AssertionError(what + " did not complete within " + timeout().toMillis() + " ms" + diagnostics());
        }
        try {
            return future.get(0, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DeviceException d) {
                throw d;
            }
            throw new AssertionError(what + " failed with " + cause + ", which is not a DeviceException"
                    + diagnostics(), cause);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not complete" + diagnostics(), e);
        }
    }

    /**
     * What the driver knows that explains a failure (its counters of refused frames, say), appended to the
     * kit's failure messages: "" or text starting with "; ".
     */
    default String diagnostics() {
        return "";
    }

    @Override
    void close();
}
