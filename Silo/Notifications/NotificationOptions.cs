using MailKit.Security;
using Realtime.Grains.Domain.Notifications;

namespace Realtime.Silo.Notifications;

/// <summary>The SMTP server e-mails go through (<c>Realtime:Smtp:*</c>). No host: e-mail is off.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Realtime:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>The sender's address, e.g. <c>bookings@example.com</c>.</summary>
    public string From { get; set; } = "realtime@localhost";

    /// <summary>The sender's display name; by default the organisation's name is used.</summary>
    public string? FromName { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Auto (STARTTLS when the server offers it), None, StartTls, or SslOnConnect.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>The SMS gateway (<c>Realtime:Sms:*</c>): a JSON POST of <c>{to, text}</c> to <see cref="Url"/>. No URL: SMS is off.</summary>
public sealed class SmsOptions
{
    public const string Section = "Realtime:Sms";

    public string? Url { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer &lt;key&gt;</c> when set.</summary>
    public string? ApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}

/// <summary>How the dispatcher works (<c>Realtime:Notifications:*</c>).</summary>
public sealed class NotificationDispatcherOptions
{
    public const string Section = "Realtime:Notifications";

    /// <summary>False: this silo sends nothing (others may).</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>Attempts before a message is dead.</summary>
    public int MaxAttempts { get; set; } = RetryPolicy.Default.MaxAttempts;

    public TimeSpan InitialRetryDelay { get; set; } = RetryPolicy.Default.InitialDelay;

    public TimeSpan MaxRetryDelay { get; set; } = RetryPolicy.Default.MaxDelay;

    /// <summary>How often the outbox is looked at for messages queued elsewhere or due again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many messages one poll claims.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How many messages are sent at once.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>How long a claimed message is this silo's; if it neither finished nor failed by then, another takes it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public RetryPolicy RetryPolicy => new(MaxAttempts, InitialRetryDelay, MaxRetryDelay);
}
