using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Realtime.Grains.Appointments.Effects;
using Realtime.Grains.Notifications;
using Realtime.Grains.Projections.Clients;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the notification outbox for queries (<see cref="INotificationOutbox"/>): <see cref="PostgresNotificationOutbox"/>
    /// in Postgres mode, <see cref="InMemoryNotificationOutbox"/> in Memory mode. Enough for an API process that only
    /// lists messages. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddNotificationOutbox(this IServiceCollection services, StorageMode mode, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        switch (mode)
        {
            case StorageMode.Postgres:
                services.AddNpgsqlDataSource(RequireConnectionString(connectionString));
                services.TryAddSingleton<INotificationOutbox, PostgresNotificationOutbox>();
                break;
            case StorageMode.Memory:
                services.TryAddSingleton<InMemoryNotificationOutbox>();
                services.TryAddSingleton<INotificationOutbox>(sp => sp.GetRequiredService<InMemoryNotificationOutbox>());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }

        return services;
    }

    /// <summary>
    /// What a silo needs to queue messages: the outbox, the appointment effect that fills it (<see cref="NotificationEffect"/>;
    /// register it after the other effects), the birthday greetings (<see cref="BirthdayGreetings"/>, for a daily job) and
    /// where they find birthdays. Channels are off until <see cref="AddNotificationDispatcher"/> reads the configuration
    /// (webhooks are always queued). Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, StorageMode mode, string? connectionString)
    {
        services.AddNotificationOutbox(mode, connectionString);
        services.AddOptions<NotificationChannels>();
        services.AddOptions<WebhookOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NotificationSignal>();
        switch (mode)
        {
            case StorageMode.Postgres:
                services.AddNpgsqlDataSource(RequireConnectionString(connectionString));
                services.TryAddSingleton<IBirthdayClients, PostgresBirthdayClients>();
                break;
            case StorageMode.Memory:
                services.TryAddSingleton<InMemoryBirthdayClients>();
                services.TryAddSingleton<IBirthdayClients>(sp => sp.GetRequiredService<InMemoryBirthdayClients>());
                services.TryAddEnumerable(ServiceDescriptor.Singleton<IClientEffect, InMemoryBirthdayClients>(
                    sp => sp.GetRequiredService<InMemoryBirthdayClients>()));
                break;
        }

        services.TryAddSingleton<BirthdayGreetings>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAppointmentEffect, NotificationEffect>());
        return services;
    }

    /// <summary>
    /// The dispatcher of this silo and its senders, and the count of waiting messages for the metrics
    /// (<see cref="NotificationBacklog"/>); configured from <c>Realtime:Smtp:*</c> (<see cref="SmtpOptions"/>),
    /// <c>Realtime:Sms:*</c> (<see cref="SmsOptions"/>) and <c>Realtime:Notifications:*</c>
    /// (<see cref="NotificationDispatcherOptions"/>). E-mail and SMS messages are queued only when their channel is
    /// configured. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddNotificationDispatcher(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(NotificationDispatcher))) return services;

        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.Configure<SmsOptions>(configuration.GetSection(SmsOptions.Section));
        services.Configure<NotificationDispatcherOptions>(configuration.GetSection(NotificationDispatcherOptions.Section));
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddOptions<NotificationChannels>().Configure<IOptions<SmtpOptions>, IOptions<SmsOptions>>((channels, smtp, sms) =>
        {
            channels.Email = smtp.Value.Enabled;
            channels.Sms = sms.Value.Enabled;
        });

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NotificationSignal>();
        services.TryAddSingleton<NotificationHttp>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationSender, SmtpEmailSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationSender, HttpSmsSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationSender, WebhookSender>());
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddHostedService<NotificationBacklog>();
        return services;
    }

    private static string RequireConnectionString(string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new ArgumentException("Notifications in Postgres mode need a PostgreSQL connection string.", nameof(connectionString))
            : connectionString;
}
