<?php
namespace App\Controller;

use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\Kernel;

final class HomeController
{
    public function index(): Response
    {
        $user = posix_getpwuid(posix_geteuid())['name'] ?? (string) posix_geteuid();

        return new Response(
            sprintf("Hello from Symfony %s, env %s, user %s\n", Kernel::VERSION, $_SERVER['APP_ENV'] ?? '?', $user),
            200,
            ['Content-Type' => 'text/plain; charset=utf-8']
        );
    }

    /**
     * Answers after ?seconds= (default 3, at most 8): the in-flight request of the stop test.
     * With ?marker=NAME it first creates /tmp/slow-NAME, so that a test knows the request is in
     * PHP's hands before it stops the container.
     */
    public function slow(Request $request): Response
    {
        $seconds = min(8.0, max(0.0, (float) $request->query->get('seconds', '3')));
        $marker = (string) $request->query->get('marker', '');
        if ($marker !== '' && preg_match('/^[A-Za-z0-9_-]{1,64}$/', $marker)) {
            touch('/tmp/slow-'.$marker);
        }
        usleep((int) ($seconds * 1000000));

        return new Response(sprintf("slept %.1f s\n", $seconds), 200, ['Content-Type' => 'text/plain; charset=utf-8']);
    }

    /** Writes ?line= to the worker's stderr: php-fpm must pass it on undecorated. */
    public function log(Request $request): Response
    {
        $line = preg_replace('/[^A-Za-z0-9 _.-]/', '', (string) $request->query->get('line', ''));
        file_put_contents('php://stderr', $line."\n");

        return new Response("logged\n", 200, ['Content-Type' => 'text/plain; charset=utf-8']);
    }
}
