using System.Net;
using ContainerInit.Tests.Infrastructure;
using static ContainerInit.Tests.Infrastructure.SupervisorRun;

namespace ContainerInit.Tests.EndToEnd.Stack;

/// <summary>Real nginx and php-fpm from Debian, under the published init as PID 1.</summary>
public sealed class StackSpecs
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };

    private static async Task<HttpResponseMessage> WaitForPageAsync(DemoStack stack, InitProcess init)
    {
        return await Eventually.ValueAsync(() =>
        {
            if (init.HasExited) throw new InvalidOperationException($"the init exited early:\n{init.ErrorOutput}");
            try { return Http.GetAsync(stack.Url).GetAwaiter().GetResult(); }
            catch (HttpRequestException) { return null; }
        }, TimeSpan.FromSeconds(30), "the PHP page");
    }

    [Fact(Timeout = 90_000)]
    public async Task The_stack_serves_PHP_and_nginx_starts_only_once_php_fpm_is_ready()
    {
        using var temp = new TempDirectory();
        var stack = await DemoStack.RenderAsync(temp);
        await using var init = await SupervisorRun.StartAsync(temp, stack.Config());

        var response = await WaitForPageAsync(stack, init);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("PHP", await response.Content.ReadAsStringAsync());
        var log = init.ErrorOutput;
        Assert.True(LineOf(log, "php-fpm: ready") >= 0 && LineOf(log, "php-fpm: ready") < LineOf(log, "nginx: started"), log);
        init.Signal(Posix.TERM);
        Assert.Equal(0, await init.WaitForExitAsync());
    }

    [Fact(Timeout = 90_000)]
    public async Task A_stop_is_graceful_in_reverse_order_finishes_requests_in_flight_and_leaves_nothing_behind()
    {
        using var temp = new TempDirectory();
        var stack = await DemoStack.RenderAsync(temp);
        await using var init = await SupervisorRun.StartAsync(temp, stack.Config());
        await WaitForPageAsync(stack, init);

        var slow = Http.GetAsync(new Uri(stack.Url, "slow.php?s=2"));
        // The request must be inside php-fpm before the stop begins: nginx logs it only at the end, so wait for the worker.
        await Eventually.TrueAsync(() => ProcFs.Descendants(init.Pid).Any(ProcFs.IsInNanosleep), TimeSpan.FromSeconds(10), "php to be sleeping in the request");
        init.Signal(Posix.TERM);

        var response = await slow;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("slow done", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await init.WaitForExitAsync());
        var log = init.ErrorOutput;
        Assert.True(LineOf(log, "nginx: stopping with SIGQUIT") < LineOf(log, "php-fpm: stopping with SIGQUIT"), log);
        Assert.True(LineOf(log, "nginx: stopped") < LineOf(log, "php-fpm: stopping with SIGQUIT"), log);
        Assert.DoesNotContain("leftover", log);
    }

    [Fact(Timeout = 90_000)]
    public async Task Nginx_with_a_broken_config_stops_the_container_after_its_retries_with_php_fpm_stopped()
    {
        using var temp = new TempDirectory();
        var stack = await DemoStack.RenderAsync(temp);
        await File.AppendAllTextAsync(Path.Combine(stack.Directory_, "nginx.conf"), "\nthis is not nginx syntax;\n");
        await using var init = await SupervisorRun.StartAsync(temp, stack.Config(nginxExtra: "startretries = 1"));

        Assert.Equal(1, await init.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var log = init.ErrorOutput;
        Assert.Contains("nginx: gave up after 2 failed starts", log);
        Assert.True(LineOf(log, "nginx: gave up") < LineOf(log, "php-fpm: stopping with SIGQUIT"), log);
        Assert.Contains("php-fpm: stopped", log);
    }

    [Fact(Timeout = 90_000)]
    public async Task Killing_the_php_fpm_master_without_autorestart_stops_the_container_with_137()
    {
        using var temp = new TempDirectory();
        var stack = await DemoStack.RenderAsync(temp);
        await using var init = await SupervisorRun.StartAsync(temp, stack.Config(phpFpmExtra: "autorestart = false"));
        await WaitForPageAsync(stack, init);
        // Within startsecs a death is a failed start (retried); past it, an exit.
        await Eventually.TrueAsync(() => init.ErrorOutput.Contains("php-fpm: running"), TimeSpan.FromSeconds(10), "php-fpm to be RUNNING");
        var master = ProcFs.Children(init.Pid).Single(pid => ProcFs.Executable(pid)?.Contains("php-fpm", StringComparison.Ordinal) == true);

        Posix.Kill(master, Posix.KILL);

        Assert.Equal(137, await init.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("php-fpm: exited unexpectedly (killed by signal 9", init.ErrorOutput);
    }
}
