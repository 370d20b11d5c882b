// StaffRole moved to the grain contracts (API keys are grains); every API file keeps seeing it as before.
global using Realtime.Grains.Interfaces.Access;
