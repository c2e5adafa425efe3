/*
 * dopri5_floor.c: the "floor" for Continuum's Lorenz benchmark.
 *
 * A plain C Dormand-Prince 5(4) integrator for the Lorenz system, following
 * the algorithm of Hairer's dopri5.f (Hairer, Norsett & Wanner, "Solving
 * Ordinary Differential Equations I", 2nd ed., section II.4):
 *   - HINIT initial step-size guess,
 *   - PI step-size controller with beta = 0.04, safety 0.9, and the step
 *     ratio h_new/h kept in [0.2, 10],
 *   - no step growth right after a rejected step,
 *   - error norm sqrt(mean((err_i / (atol + rtol*max(|y0_i|, |y1_i|)))^2)),
 *   - FSAL (the last stage of an accepted step is the first of the next).
 * No dense output, no stiffness detection; only the final state is kept.
 *
 * The right-hand side is inlined into the solver by default. Built with
 * -DRHS_THROUGH_POINTER it is called through a function pointer the compiler
 * cannot see through, as a solver library calls user code (DOPRI5's FCN
 * argument, a Swift closure): the like-for-like floor for a solver that takes
 * the right-hand side as a value.
 *
 * Build:  gcc -O3 -o dopri5_floor dopri5_floor.c -lm
 *         gcc -O3 -DRHS_THROUGH_POINTER -o dopri5_floor_call dopri5_floor.c -lm
 * Run:    ./dopri5_floor [lorenz] [--method dopri5] --rtol 1e-8 --atol 1e-8 --repeat 50
 *
 * Prints one JSON line:
 *   {"median_s":..., "nfe":..., "steps":..., "rejected":..., "y":[...],
 *    "allocations_per_step":0}
 * "steps" counts accepted steps, "rejected" rejected ones; nfe counts every
 * right-hand-side evaluation (2 for f(t0) and HINIT, then 6 per attempted step).
 */
#define _POSIX_C_SOURCE 199309L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 3                 /* dimension of the Lorenz system */
#define MAX_STEPS 10000000L /* NMAX: give up after this many attempted steps */
#define MAX_REPEAT 100000

/* ---- the problem ------------------------------------------------------ */

static const double T0 = 0.0;
static const double T1 = 20.0;
static const double Y0[N] = {1.0, 0.0, 0.0};

static void lorenz(double t, const double *restrict y, double *restrict dy)
{
    const double sigma = 10.0, rho = 28.0, beta = 8.0 / 3.0;
    (void)t;
    dy[0] = sigma * (y[1] - y[0]);
    dy[1] = y[0] * (rho - y[2]) - y[1];
    dy[2] = y[0] * y[1] - beta * y[2];
}

typedef void (*VectorField)(double t, const double *restrict y, double *restrict dy);

#ifdef RHS_THROUGH_POINTER
static VectorField volatile rhs_pointer = lorenz;
#define RHS_SOURCE rhs_pointer
#else
#define RHS_SOURCE lorenz
#endif

/* ---- Dormand-Prince 5(4) coefficients (as in dopri5.f, CDOPRI) -------- */

static const double C2 = 0.2, C3 = 0.3, C4 = 0.8, C5 = 8.0 / 9.0;

static const double A21 = 0.2;
static const double A31 = 3.0 / 40.0, A32 = 9.0 / 40.0;
static const double A41 = 44.0 / 45.0, A42 = -56.0 / 15.0, A43 = 32.0 / 9.0;
static const double A51 = 19372.0 / 6561.0, A52 = -25360.0 / 2187.0,
                    A53 = 64448.0 / 6561.0, A54 = -212.0 / 729.0;
static const double A61 = 9017.0 / 3168.0, A62 = -355.0 / 33.0,
                    A63 = 46732.0 / 5247.0, A64 = 49.0 / 176.0,
                    A65 = -5103.0 / 18656.0;
/* 5th-order weights (row 7 of the tableau; b2 = 0). */
static const double A71 = 35.0 / 384.0, A73 = 500.0 / 1113.0,
                    A74 = 125.0 / 192.0, A75 = -2187.0 / 6784.0,
                    A76 = 11.0 / 84.0;
/* Error weights: b - b_hat (e2 = 0); E7 multiplies f(t+h, y1). */
static const double E1 = 71.0 / 57600.0, E3 = -71.0 / 16695.0,
                    E4 = 71.0 / 1920.0, E5 = -17253.0 / 339200.0,
                    E6 = 22.0 / 525.0, E7 = -1.0 / 40.0;

/* ---- controller parameters (dopri5.f defaults) ------------------------ */

static const double SAFE = 0.9;    /* safety factor */
static const double FAC1 = 0.2;    /* h_new/h >= FAC1 */
static const double FAC2 = 10.0;   /* h_new/h <= FAC2 */
static const double BETA = 0.04;   /* PI (Lund) stabilisation */
static const double UROUND = 2.3e-16;
static const int ORDER = 5;        /* IORD for HINIT */

typedef struct {
    double y[N];    /* state at T1 */
    long nfe;       /* right-hand-side evaluations */
    long accepted;  /* accepted steps */
    long rejected;  /* rejected steps (counted after the first accepted one, as in dopri5.f) */
    int ok;         /* 1 on success */
} Result;

/* Initial step size, as HINIT in dopri5.f. f0 = f(t0, y0); uses one more
 * evaluation of f. Note the norms here are plain sums (not means), exactly
 * as in the Fortran. */
static double initial_step(VectorField rhs, double t0, const double *y0, const double *f0,
                           double hmax, double direction,
                           double rtol, double atol, long *nfe)
{
    double dnf = 0.0, dny = 0.0;
    for (int i = 0; i < N; i++) {
        double sk = atol + rtol * fabs(y0[i]);
        dnf += (f0[i] / sk) * (f0[i] / sk);
        dny += (y0[i] / sk) * (y0[i] / sk);
    }
    double h = (dnf <= 1e-10 || dny <= 1e-10) ? 1e-6 : sqrt(dny / dnf) * 0.01;
    h = fmin(h, hmax);
    h = copysign(h, direction);

    /* One explicit Euler step to estimate the second derivative. */
    double y1[N], f1[N];
    for (int i = 0; i < N; i++)
        y1[i] = y0[i] + h * f0[i];
    rhs(t0 + h, y1, f1);
    (*nfe)++;

    double der2 = 0.0;
    for (int i = 0; i < N; i++) {
        double sk = atol + rtol * fabs(y0[i]);
        double d = (f1[i] - f0[i]) / sk;
        der2 += d * d;
    }
    der2 = sqrt(der2) / fabs(h);

    double der12 = fmax(der2, sqrt(dnf));
    double h1 = (der12 <= 1e-15) ? fmax(1e-6, fabs(h) * 1e-3)
                                 : pow(0.01 / der12, 1.0 / ORDER);
    h = fmin(fmin(100.0 * fabs(h), h1), hmax);
    return copysign(h, direction);
}

static Result dopri5(double rtol, double atol)
{
    Result res = {{0.0}, 0, 0, 0, 0};

    const VectorField rhs = RHS_SOURCE;
    double t = T0;
    double y[N], y1[N], ystage[N], err[N];
    double k1[N], k2[N], k3[N], k4[N], k5[N], k6[N], k7[N];
    memcpy(y, Y0, sizeof y);

    const double direction = (T1 >= T0) ? 1.0 : -1.0;
    const double hmax = fabs(T1 - T0);
    const double expo1 = 0.2 - BETA * 0.75;  /* exponent of err in the PI controller */
    double facold = 1e-4;                    /* err of the previous accepted step */
    int reject = 0, last = 0;

    rhs(t, y, k1);
    res.nfe++;
    double h = initial_step(rhs, t, y, k1, hmax, direction, rtol, atol, &res.nfe);

    for (long attempts = 0;; attempts++) {
        if (attempts >= MAX_STEPS || 0.1 * fabs(h) <= fabs(t) * UROUND)
            return res; /* too many steps, or step size underflow */

        /* Stretch the last step to hit T1 exactly (dopri5.f's 1.01 rule). */
        if ((t + 1.01 * h - T1) * direction > 0.0) {
            h = T1 - t;
            last = 1;
        }

        /* Stages 2..6. */
        for (int i = 0; i < N; i++)
            ystage[i] = y[i] + h * A21 * k1[i];
        rhs(t + C2 * h, ystage, k2);
        for (int i = 0; i < N; i++)
            ystage[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
        rhs(t + C3 * h, ystage, k3);
        for (int i = 0; i < N; i++)
            ystage[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
        rhs(t + C4 * h, ystage, k4);
        for (int i = 0; i < N; i++)
            ystage[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i]
                                    + A54 * k4[i]);
        rhs(t + C5 * h, ystage, k5);
        for (int i = 0; i < N; i++)
            ystage[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i]
                                    + A64 * k4[i] + A65 * k5[i]);
        const double tnew = t + h;
        rhs(tnew, ystage, k6);

        /* 5th-order solution and the FSAL stage f(t+h, y1). */
        for (int i = 0; i < N; i++)
            y1[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i]
                                + A75 * k5[i] + A76 * k6[i]);
        rhs(tnew, y1, k7);
        res.nfe += 6;

        /* Error estimate and its scaled RMS norm. */
        double errsum = 0.0;
        for (int i = 0; i < N; i++) {
            err[i] = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i]
                          + E6 * k6[i] + E7 * k7[i]);
            double sk = atol + rtol * fmax(fabs(y[i]), fabs(y1[i]));
            errsum += (err[i] / sk) * (err[i] / sk);
        }
        const double errnorm = sqrt(errsum / N);

        /* PI controller: fac = err^expo1 / errold^beta / safe, clamped so
         * that h_new/h = 1/fac lies in [FAC1, FAC2]. */
        const double fac11 = pow(errnorm, expo1);
        double fac = fac11 / pow(facold, BETA);
        fac = fmax(1.0 / FAC2, fmin(1.0 / FAC1, fac / SAFE));
        double hnew = h / fac;

        if (errnorm <= 1.0) {
            /* Accept. */
            facold = fmax(errnorm, 1e-4);
            res.accepted++;
            memcpy(k1, k7, sizeof k1); /* FSAL */
            memcpy(y, y1, sizeof y);
            t = tnew;
            if (last)
                break;
            if (fabs(hnew) > hmax)
                hnew = direction * hmax;
            if (reject) /* no growth right after a rejection */
                hnew = direction * fmin(fabs(hnew), fabs(h));
            reject = 0;
        } else {
            /* Reject: shrink using the I-part only. */
            hnew = h / fmin(1.0 / FAC1, fac11 / SAFE);
            reject = 1;
            if (res.accepted >= 1)
                res.rejected++;
            last = 0;
        }
        h = hnew;
    }

    memcpy(res.y, y, sizeof y);
    res.ok = 1;
    return res;
}

/* ---- timing and CLI ---------------------------------------------------- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, compare_doubles);
    return (n % 2) ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static void usage(FILE *out, const char *argv0)
{
    fprintf(out,
            "usage: %s [lorenz] [--method dopri5] [--rtol R] [--atol A] [--repeat N]\n"
            "Solves Lorenz (sigma=10, rho=28, beta=8/3), y0=(1,0,0), t in [0,20]\n"
            "with Hairer-style DOPRI5 and prints one JSON line.\n"
            "Defaults: --rtol 1e-8 --atol 1e-8 --repeat 50\n",
            argv0);
}

static int parse_double(const char *s, double *out)
{
    char *end;
    *out = strtod(s, &end);
    return end != s && *end == '\0';
}

int main(int argc, char **argv)
{
    double rtol = 1e-8, atol = 1e-8;
    long repeat = 50;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = (i + 1 < argc) ? argv[i + 1] : NULL;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            usage(stdout, argv[0]);
            return 0;
        } else if (strcmp(arg, "lorenz") == 0) {
            continue; /* the only problem this floor knows */
        } else if (strcmp(arg, "--method") == 0 && val) {
            if (strcmp(val, "dopri5") != 0) {
                fprintf(stderr, "%s: only --method dopri5 is implemented\n", argv[0]);
                return 2;
            }
            i++;
        } else if (strcmp(arg, "--rtol") == 0 && val && parse_double(val, &rtol)) {
            i++;
        } else if (strcmp(arg, "--atol") == 0 && val && parse_double(val, &atol)) {
            i++;
        } else if (strcmp(arg, "--repeat") == 0 && val) {
            char *end;
            repeat = strtol(val, &end, 10);
            if (end == val || *end != '\0' || repeat < 1 || repeat > MAX_REPEAT) {
                fprintf(stderr, "%s: --repeat must be in 1..%d\n", argv[0], MAX_REPEAT);
                return 2;
            }
            i++;
        } else {
            fprintf(stderr, "%s: bad argument: %s\n", argv[0], arg);
            usage(stderr, argv[0]);
            return 2;
        }
    }
    if (!(rtol > 0.0) || !(atol >= 0.0)) {
        fprintf(stderr, "%s: need rtol > 0 and atol >= 0\n", argv[0]);
        return 2;
    }

    double *times = malloc((size_t)repeat * sizeof *times);
    if (!times) {
        perror("malloc");
        return 1;
    }

    /* One untimed warm-up run (page faults, frequency ramp-up). */
    Result res = dopri5(rtol, atol);
    if (!res.ok) {
        fprintf(stderr, "%s: integration failed (step size underflow or too many steps)\n",
                argv[0]);
        free(times);
        return 1;
    }

    volatile double sink = 0.0; /* keeps every repeat observable */
    for (long r = 0; r < repeat; r++) {
        double start = now_seconds();
        Result run = dopri5(rtol, atol);
        double stop = now_seconds();
        times[r] = stop - start;
        sink += run.y[0];
        res = run;
    }
    (void)sink;

    double med = median(times, (int)repeat);
    free(times);

    printf("{\"median_s\":%.9g,\"nfe\":%ld,\"steps\":%ld,\"rejected\":%ld,"
           "\"y\":[%.17g,%.17g,%.17g],\"allocations_per_step\":0}\n",
           med, res.nfe, res.accepted, res.rejected, res.y[0], res.y[1], res.y[2]);
    return 0;
}
