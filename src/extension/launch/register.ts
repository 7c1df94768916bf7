/**
 * The `leak-hunt` debug type in VS Code: an inline adapter per session (the hunt runs on the
 * extension host, its heap analysis in the language server), the configuration resolver, and
 * the command that saves an interactive hunt as a launch configuration.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../core/common/errors';
import { Commands } from '../../shared/contributions';
import type { ExtensionCtx } from '../ctx';
import { LeakHuntConfigurationProvider } from './configProvider';
import { EditorHuntHost } from './editorHost';
import { LeakHuntDebugSession } from './huntDebugSession';
import { LEAK_HUNT_TYPE } from './launchArgs';
import { InteractiveHuntRecorder, saveHuntAsLaunchConfig } from './saveLaunchConfig';

export function registerLeakHuntLaunch(ctx: ExtensionCtx): void {
  const host = new EditorHuntHost(ctx);
  const recorder = new InteractiveHuntRecorder(ctx, dir => host.ownDirs.has(dir));
  ctx.context.subscriptions.push(
    recorder,
    vscode.debug.registerDebugConfigurationProvider(LEAK_HUNT_TYPE, new LeakHuntConfigurationProvider()),
    vscode.debug.registerDebugAdapterDescriptorFactory(LEAK_HUNT_TYPE, {
      createDebugAdapterDescriptor: session => new vscode.DebugAdapterInlineImplementation(new LeakHuntDebugSession(host.forSession(session))),
    }),
    vscode.commands.registerCommand(Commands.saveHuntAsLaunchConfig, async () => {
      try {
        return await saveHuntAsLaunchConfig(ctx, recorder);
      } catch (e) {
        ctx.log.error(`save as launch configuration: ${errorMessage(e)}`);
        void vscode.window.showErrorMessage(`Leak Hunter: could not update launch.json: ${errorMessage(e)}`);
        return undefined;
      }
    }),
  );
}
