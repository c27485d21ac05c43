# The benchmark chart (bench/report.py calls it with dir= and out=, an .svg
# or .png path): six panels from the .dat files report.py writes into dir.
red = "#cc3311"
blue = "#4477aa"
if (out[strlen(out)-2:] eq 'png') {
  set terminal pngcairo size 1200,760 enhanced font 'sans,10' \
    background '#ffffff'
} else {
  set terminal svg size 1200,760 dynamic enhanced font 'sans,11' \
    background '#ffffff'
}
set output out
set multiplot layout 2,3 \
  title "tradeflow benchmarks (scripts/bench; medians over repetitions)"
set style fill solid 0.8 border -1
set boxwidth 0.6
set grid ytics lc rgb '#dddddd'
set key top right font ',9'

set title "1. Lock path: cycles/s vs CAF round trip"
set ylabel "thousand per second"
set xlabel "requesters on one key (grey: CAF round trip)"
set offsets 0, 0, graph 0.1, 0
set yrange [0:*]
plot dir.'/lock.dat' using 0:2:($0 == 0 ? 0x999999 : 0x4477aa):xtic(1) \
       with boxes lc rgb variable notitle, \
     '' using 0:2:(sprintf('%.0fk', $2)) \
       with labels offset 0,0.7 font ',9' notitle

set offsets 0, 0, 0, 0
set title "2. Lock timeout (max wait 500 ms), 1,000 keys"
set ylabel "ms until lock\\_timeout"
set xlabel ""
set yrange [490:535]
set style data histogram
set style histogram cluster gap 1
set arrow 1 from graph 0, first 520 to graph 1, first 520 nohead \
  lc rgb red dt 2
set label 1 "target p99 <= 520 ms" at graph 0.02, first 522 font ',9' \
  tc rgb red
set key top left
plot dir.'/timeout.dat' using 2:xtic(1) title 'workers stay' lc rgb blue, \
     '' using 3 title 'losers quit' lc rgb '#ee7733'
unset arrow 1
unset label 1

set title "3. End to end (SQLite file, dup 0.2, x3 triggers)"
set ylabel "per second"
set yrange [0:*]
set offsets 0, 0, graph 0.35, 0
set key inside left top Left reverse
plot dir.'/e2e.dat' using 2:xtic(1) title 'recommendations/s' lc rgb blue, \
     '' using 3 title 'orders/s' lc rgb '#228833', \
     '' using 4 title 'floor: orders/s, write\_entry loop' lc rgb '#bbbbbb'

set offsets 0, 0, 0, 0
set key inside right top Right noreverse
set style data linespoints
set title "4. Memory per idle worker"
set ylabel "KiB per worker (VmRSS)"
set xlabel "workers alive"
set yrange [0:6]
set arrow 2 from graph 0, first 4 to graph 1, first 4 nohead \
  lc rgb red dt 2
set label 2 "target < 4 KiB" at graph 0.02, first 4.6 font ',9' tc rgb red
plot dir.'/scale.dat' using 0:2:xtic(1) with boxes lc rgb blue notitle, \
     '' using 0:2:(sprintf('%.2f', $2)) \
       with labels offset 0,0.7 font ',9' notitle
unset arrow 2
unset label 2

set title "5. Growth: cost per expert"
set ylabel "ms per expert"
set xlabel "experts (log scale)"
set logscale x
set yrange [0:*]
plot dir.'/growth.dat' using 1:2 with linespoints lw 2 pt 7 lc rgb blue \
       notitle
unset logscale x

set title "5. Growth: total replay time"
set ylabel "seconds"
set logscale xy
set yrange [*:*]
plot dir.'/growth.dat' using 1:3 with linespoints lw 2 pt 7 lc rgb blue \
       title 'measured', \
     '' using 1:4 with lines dt 2 lc rgb '#999999' \
       title 'linear from the first'
unset multiplot
