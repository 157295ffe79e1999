package org.ledrl.policy.mappo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurvePointTest {

    /** A trainer's curve that validated before training and every 2 episodes. */
    private static final String WITH_VALIDATION = """
            episode,mean_return,success_rate,decisions,elapsed_s,validation_success_rate
            0,,,0,0.00,0.61234
            1,6.20052,0.59842,1011,0.81,
            2,22.1,0.70000,1002,1.30,0.66000
            3,20.5,0.68000,990,1.90,
            4,24.0,0.75000,1001,2.40,0.72000
            """;

    private static final String BEFORE_VALIDATION = """
            episode,mean_return,success_rate,decisions,elapsed_s
            1,-1.20497,0.52621,1011,0.83
            2,-19.33339,0.38699,1261,1.62
            """;

    @Test
    void theTrainingCurveSkipsTheRowBeforeTraining() {
        assertEquals(List.of(new CurvePoint(1, 0.59842), new CurvePoint(2, 0.7), new CurvePoint(3, 0.68),
                new CurvePoint(4, 0.75)), CurvePoint.parse(WITH_VALIDATION, "curve.csv"));
    }

    @Test
    void theValidationCurveHasTheValidatedEpisodesOnly() {
        assertEquals(List.of(new CurvePoint(0, 0.61234), new CurvePoint(2, 0.66), new CurvePoint(4, 0.72)),
                CurvePoint.parseValidation(WITH_VALIDATION, "curve.csv"));
    }

    @Test
    void aCurveFromBeforeValidationHasNoValidationPoints() {
        assertEquals(List.of(new CurvePoint(1, 0.52621), new CurvePoint(2, 0.38699)),
                CurvePoint.parse(BEFORE_VALIDATION, "old.csv"));
        assertEquals(List.of(), CurvePoint.parseValidation(BEFORE_VALIDATION, "old.csv"));
    }

    @Test
    void anUnreadableValidationCellIsRefusedWithItsLine() {
        String bad = WITH_VALIDATION.replace("0.66000", "n/a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CurvePoint.parseValidation(bad, "models/curve.csv"));
        assertEquals("models/curve.csv line 4: cannot read '2,22.1,0.70000,1002,1.30,n/a'", e.getMessage());
        assertEquals(4, CurvePoint.parse(bad, "models/curve.csv").size(), "the training column is still readable");
    }

    @Test
    void anUnreadableTrainingCellIsRefusedWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CurvePoint.parse(BEFORE_VALIDATION.replace("0.38699", "x"), "old.csv"));
        assertEquals("old.csv line 3: cannot read '2,-19.33339,x,1261,1.62'", e.getMessage());
    }

    @Test
    void aFileWithoutTheTrainingColumnIsNoCurve() {
        String onlyValidation = "episode,validation_success_rate\n0,0.5\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CurvePoint.parseValidation(onlyValidation, "other.csv"));
        assertTrue(e.getMessage().startsWith("other.csv: not a training curve"), e.getMessage());
    }

    @Test
    void validationPointsConvergeOverAWindowOfThree() {
        List<CurvePoint> validation = List.of(new CurvePoint(0, 0.2), new CurvePoint(10, 0.2),
                new CurvePoint(20, 0.2), new CurvePoint(30, 0.8), new CurvePoint(40, 0.8), new CurvePoint(50, 0.8),
                new CurvePoint(60, 0.8));
        // moving means over 3: 0.2 0.2 0.2 0.4 0.6 0.8 0.8, so 95% of 0.8 holds from episode 50 on
        assertEquals(50, CurvePoint.episodesToReach(validation, 0.95, 3));
        assertEquals(-1, CurvePoint.episodesToReach(List.of(), 0.95, 3));
    }

    @Test
    void theMovingAverageTakesFewerPointsAtTheStart() {
        List<CurvePoint> curve = List.of(new CurvePoint(1, 0.2), new CurvePoint(2, 0.4), new CurvePoint(3, 0.9),
                new CurvePoint(4, 0.5));
        List<CurvePoint> smooth = CurvePoint.movingAverage(curve, 2);
        assertEquals(List.of(1, 2, 3, 4), smooth.stream().map(CurvePoint::episode).toList());
        assertEquals(0.2, smooth.get(0).successRate(), 1e-12);
        assertEquals(0.3, smooth.get(1).successRate(), 1e-12);
        assertEquals(0.65, smooth.get(2).successRate(), 1e-12);
        assertEquals(0.7, smooth.get(3).successRate(), 1e-12);
    }
}
