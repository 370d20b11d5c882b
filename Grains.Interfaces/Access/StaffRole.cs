namespace Realtime.Grains.Interfaces.Access;

/// <summary>What a staff API key may do: owner and admin configure and delete; the front desk books.</summary>
public enum StaffRole { Owner, Admin, FrontDesk }
