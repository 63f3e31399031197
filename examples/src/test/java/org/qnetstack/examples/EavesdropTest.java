package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Intercept-resend on every pair: 100 runs out of 100 abort with no key; without Eve, a key. */
class EavesdropTest {
    @Test
    void everyRunWithAnInterceptResendEavesdropperAbortsWithNoKey() {
        int pairs = 2000;
        EavesdropExample.Result r = EavesdropExample.run(new ExampleOptions(100L, null, false, pairs), 100);
        assertEquals(100, r.abortedWithEve());
        assertEquals(0, r.keysWithEve());
        // 25% QBER: about 1000 sifted bits a run, 100 runs; 3 standard errors of the mean.
        double sifted = 100 * pairs / 2.0;
        assertEquals(0.25, r.meanQberWithEve(), 3 * Math.sqrt(0.25 * 0.75 / sifted));
    }

    @Test
    void withoutTheEavesdropperTheSameNetworkMakesAKey() {
        EavesdropExample.Result r = EavesdropExample.run(new ExampleOptions(7L, null, false, 10_000), 1);
        assertEquals("KEY", r.outcomeWithoutEve());
        assertEquals(0.0, r.qberWithoutEve());
    }
}
