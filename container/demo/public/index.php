<?php
header('Content-Type: text/plain; charset=utf-8');
echo "Hello from PHP " . PHP_VERSION . "\n";
echo "served by " . PHP_SAPI . " (pid " . getmypid() . ")\n";
